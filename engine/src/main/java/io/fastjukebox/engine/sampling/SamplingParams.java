package io.fastjukebox.engine.sampling;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Locale;

/**
 * How tokens are drawn from a prior's logits (jukebox/transformer/ops.py {@code filter_logits}):
 * divide by the temperature, keep the top-k or the top-p nucleus (never both), draw.
 *
 * @param temperature logits are divided by it (Jukebox uses 0.98 at the top, 0.99 below)
 * @param topK keep the k most likely tokens; 0 = off
 * @param topP keep the smallest set whose probability reaches p (always at least the top token); 0 = off
 * @param seed the same seed and settings give the same tokens
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SamplingParams(double temperature, int topK, double topP, long seed) {

    public SamplingParams {
        if (!(temperature > 0) || temperature > 100) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "temperature %s must be in (0, 100]", temperature));
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k " + topK + " must not be negative");
        }
        if (!(topP >= 0 && topP <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "top-p %s must be between 0 and 1", topP));
        }
        if (topK > 0 && topP > 0) {
            throw new IllegalArgumentException("use top-k or top-p, not both (top-k " + topK + ", top-p " + topP + ")");
        }
    }

    /** Plain sampling at {@code temperature}. */
    public static SamplingParams of(double temperature, long seed) {
        return new SamplingParams(temperature, 0, 0, seed);
    }
}
