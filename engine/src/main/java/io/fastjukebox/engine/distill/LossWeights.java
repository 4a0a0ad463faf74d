package io.fastjukebox.engine.distill;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Locale;

/**
 * How the loss terms of distillation are weighted (TinyBERT sums them with weight 1).
 *
 * @param hidden weight of the hidden-state MSE (embedding output plus every mapped layer), phase 1
 * @param attention weight of the attention-weight MSE of every mapped layer, phase 1 (0 also skips keeping
 *     the attention matrices, which saves memory)
 * @param soft weight of the soft cross-entropy with the teacher's logits, phase 2
 * @param hard weight of the optional hard-label cross-entropy on the data, added in phase 2 (0 = off)
 * @param temperature softmax temperature of the soft cross-entropy (both distributions)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LossWeights(double hidden, double attention, double soft, double hard, double temperature) {

    public LossWeights {
        check(hidden, "hidden");
        check(attention, "attention");
        check(soft, "soft");
        check(hard, "hard");
        if (!(temperature > 0 && temperature <= 100)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "temperature %s must be in (0, 100]", temperature));
        }
        if (hidden + attention == 0 || soft + hard == 0) {
            throw new IllegalArgumentException("the hidden and attention weights, and the soft and hard weights, must not "
                    + "both be 0 (a phase would have nothing to train)");
        }
    }

    /** TinyBERT's weighting: every term 1, no hard-label term, temperature 1. */
    public static LossWeights defaults() {
        return new LossWeights(1, 1, 1, 0, 1);
    }

    private static void check(double w, String name) {
        if (!(w >= 0 && w <= 1e6)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s loss weight %s must be between 0 and 1e6",
                    name, w));
        }
    }
}
