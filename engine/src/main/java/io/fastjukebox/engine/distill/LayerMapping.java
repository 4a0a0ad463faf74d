package io.fastjukebox.engine.distill;

import io.fastjukebox.engine.prior.attention.AttentionOrder;
import io.fastjukebox.engine.prior.attention.AttentionPattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which teacher layer each student layer learns from (Fast Jukebox, Figure 4): teacher and student
 * layers are grouped by attention pattern, and the k-th of the g student layers of a pattern is mapped
 * to the teacher layer of the same pattern at position {@code floor((k + 1) G / g) - 1} of its G, as
 * TinyBERT's {@code n = m * (M / N)}: spread evenly over depth, the last student layer of each pattern
 * on the teacher's last. For 72 to 24 layers that is every third layer of each pattern (teacher layers
 * 6, 7, 8, 15, 16, 17, ...), for 72 to 18 every fourth.
 *
 * <p>A student layer's output is compared with its teacher layer's output, and its attention weights
 * with that layer's weights, which have the same mask because the pattern is the same.
 *
 * @param order the attention order both follow
 * @param teacherDepth teacher layers
 * @param teacherLayer {@code teacherLayer[i]} is the teacher layer of student layer i
 */
public record LayerMapping(AttentionOrder order, int teacherDepth, int[] teacherLayer) {

    public LayerMapping {
        teacherLayer = teacherLayer.clone();
    }

    /** The mapping of a {@code studentDepth}-layer student of a {@code teacherDepth}-layer teacher; fails naming bad sizes. */
    public static LayerMapping of(AttentionOrder order, int teacherDepth, int studentDepth) {
        check(order, teacherDepth, studentDepth);
        int cycle = order.cycleLength();
        int[] map = new int[studentDepth];
        for (int p = 0; p < cycle; p++) {
            List<Integer> teacherOfPattern = new ArrayList<>();
            for (int j = p; j < teacherDepth; j += cycle) {
                teacherOfPattern.add(j);
            }
            int g = studentDepth / cycle;
            int big = teacherOfPattern.size();
            for (int k = 0; k < g; k++) {
                map[k * cycle + p] = teacherOfPattern.get((int) ((long) (k + 1) * big / g) - 1);
            }
        }
        return new LayerMapping(order, teacherDepth, map);
    }

    /** Fails with a message naming the sizes unless a student of {@code studentDepth} layers can be mapped. */
    public static void check(AttentionOrder order, int teacherDepth, int studentDepth) {
        int cycle = order.cycleLength();
        if (studentDepth < 1) {
            throw new IllegalArgumentException("student layers " + studentDepth + " must be positive");
        }
        if (studentDepth > teacherDepth) {
            throw new IllegalArgumentException("a student of " + studentDepth + " layers is deeper than its "
                    + teacherDepth + "-layer teacher");
        }
        if (studentDepth % cycle != 0) {
            int lower = studentDepth / cycle * cycle;
            int upper = Math.min(teacherDepth, lower + cycle);
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%d student layers break the attention-pattern "
                    + "cycle of %d (%s): the student needs whole cycles, e.g. %s", studentDepth, cycle, names(order.cycle()),
                    lower == 0 ? String.valueOf(upper) : lower + (upper > lower && upper % cycle == 0 ? " or " + upper : "")));
        }
    }

    /** Student layers. */
    public int studentDepth() {
        return teacherLayer.length;
    }

    @Override
    public int[] teacherLayer() {
        return teacherLayer.clone();
    }

    /** The teacher layer of student layer {@code i}. */
    public int teacherLayer(int i) {
        return teacherLayer[i];
    }

    /** One line per pattern, e.g. {@code row: student 0 3 6 <- teacher 8 17 26}. */
    public String describe() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "layer mapping, %d teacher layers -> %d student layers (student <- teacher, by attention pattern):",
                teacherDepth, studentDepth()));
        int cycle = order.cycleLength();
        for (int p = 0; p < cycle; p++) {
            s.append(String.format(Locale.ROOT, "%n  %-13s", name(order.pattern(p)) + ":"));
            for (int i = p; i < studentDepth(); i += cycle) {
                s.append(' ').append(i).append("<-").append(teacherLayer[i]);
            }
        }
        return s.toString();
    }

    /** The mapping as JSON-friendly rows {@code {student, teacher, pattern}}, for provenance. */
    public List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < teacherLayer.length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("student", i);
            row.put("teacher", teacherLayer[i]);
            row.put("pattern", name(order.pattern(i)));
            rows.add(row);
        }
        return rows;
    }

    /** The pattern's name as written in reports: row, column, previous-row, dense. */
    public static String name(AttentionPattern p) {
        return p.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String names(AttentionPattern[] cycle) {
        return String.join(", ", Arrays.stream(cycle).map(LayerMapping::name).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerMapping m && m.order == order && m.teacherDepth == teacherDepth
                && Arrays.equals(m.teacherLayer, teacherLayer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(order, teacherDepth, Arrays.hashCode(teacherLayer));
    }

    @Override
    public String toString() {
        return "LayerMapping" + Arrays.toString(teacherLayer);
    }
}
