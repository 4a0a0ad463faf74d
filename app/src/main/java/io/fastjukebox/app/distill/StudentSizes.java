package io.fastjukebox.app.distill;

import io.fastjukebox.engine.distill.LayerMapping;
import io.fastjukebox.engine.prior.PriorConfig;
import java.util.ArrayList;
import java.util.List;

/** The student layer counts a teacher allows, as the engine decides ({@link LayerMapping#check}): none is guessed here. */
final class StudentSizes {
    private StudentSizes() {}

    /** Every layer count from 1 to the teacher's depth that the engine accepts, smallest first. */
    static List<Integer> of(PriorConfig teacher) {
        List<Integer> sizes = new ArrayList<>();
        for (int layers = 1; layers <= teacher.depth(); layers++) {
            try {
                LayerMapping.check(teacher.attnOrder(), teacher.depth(), layers);
                sizes.add(layers);
            } catch (IllegalArgumentException invalid) {
                // not offered
            }
        }
        return List.copyOf(sizes);
    }

    /** The size offered first: the largest at most a third of the teacher's (the paper's 72 -> 24), else the smallest. */
    static Integer suggested(PriorConfig teacher) {
        List<Integer> sizes = of(teacher);
        if (sizes.isEmpty()) {
            return null;
        }
        Integer best = sizes.get(0);
        for (int s : sizes) {
            if (s * 3 <= teacher.depth()) {
                best = s;
            }
        }
        return best;
    }

    /** Why a teacher has no student at all. */
    static String noneFits(PriorConfig teacher) {
        return "No student fits this teacher: its " + teacher.depth() + " layers hold no whole attention-pattern cycle of "
                + teacher.attnOrder().cycleLength() + " layers";
    }
}
