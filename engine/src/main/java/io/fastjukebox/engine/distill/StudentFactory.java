package io.fastjukebox.engine.distill;

import io.fastjukebox.engine.nn.ParameterSpec;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.PriorLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Students of a teacher prior: the same architecture family (level, context, heads, attention order,
 * blocks, vocabulary, conditioner) with fewer layers, in whole attention-pattern cycles, and optionally
 * a smaller width (TinyBERT; the hidden states are then compared through a {@link HiddenProjection}).
 *
 * <p>Initialisation: the transformer layers start from Jukebox's initialisation (seeded), as TinyBERT's
 * students do; the intermediate-layer loss is what transfers the teacher's layers. Every tensor outside
 * the transformer whose shape matches the teacher's is copied from the teacher: at the teacher's width
 * the token embedding (which is also the tied output head), the position embedding and the start token,
 * so the student starts in the teacher's embedding space and its last layer, mapped to the teacher's
 * last, feeds the teacher's output head; and for an upsampler the conditioner (whole at the same width,
 * else its inner convolution stack, which does not depend on the prior's width). The MLE baseline copies
 * nothing: it is the same architecture trained from scratch.
 */
public final class StudentFactory {
    private StudentFactory() {}

    /** A student of {@code layers} layers and {@code width} (null = the teacher's); fails naming a bad size. */
    public static PriorConfig config(PriorConfig teacher, int layers, Integer width) {
        LayerMapping.check(teacher.attnOrder(), teacher.depth(), layers);
        int w = width == null ? teacher.width() : width;
        if (w < 1 || w > teacher.width()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "student width %d must be between 1 and the "
                    + "teacher's %d", w, teacher.width()));
        }
        int state = (int) (teacher.mAttn() * w);
        if (state < teacher.heads() || state % teacher.heads() != 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "student width %d gives an attention width "
                    + "m_attn*width = %d that is not divisible by the teacher's %d heads (attention matrices are compared "
                    + "head by head, so the student keeps them)", w, state, teacher.heads()));
        }
        return new PriorConfig(teacher.level(), teacher.nCtx(), w, layers, teacher.heads(), teacher.attnOrder(),
                teacher.blocks(), teacher.mAttn(), teacher.mMlp(), teacher.initScale(), teacher.bins(),
                teacher.mergedDecoder(), teacher.conditioner());
    }

    /**
     * A student of {@code config} initialised from {@code seed}, with every non-transformer tensor whose shape
     * matches copied from {@code teacher}.
     */
    public static Initialised fromTeacher(Prior teacher, PriorConfig config, long seed) {
        Prior student = Prior.initialise(config, seed);
        List<String> copied = new ArrayList<>();
        for (ParameterSpec spec : student.parameters().specs().values()) {
            String name = spec.name();
            if (name.startsWith("prior.transformer.") || !teacher.parameters().contains(name)) {
                continue;
            }
            ParameterSpec t = teacher.parameters().specs().get(name);
            if (Arrays.equals(t.shape(), spec.shape())) {
                student.parameters().set(name, teacher.parameters().values(name));
                copied.add(name);
            }
        }
        return new Initialised(student, List.copyOf(copied));
    }

    /**
     * A student and the names of the tensors copied from its teacher.
     *
     * @param student the new student; the caller closes it
     * @param copiedFromTeacher state-dict names copied (e.g. {@value PriorLayout#X_EMB})
     */
    public record Initialised(Prior student, List<String> copiedFromTeacher) {}
}
