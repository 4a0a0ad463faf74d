package io.fastjukebox.engine.distill.eval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Locale;

/**
 * Settings of a distillation evaluation.
 *
 * @param maxWindows held-out windows of n_ctx codes scored (consecutive, from the start of each clip)
 * @param speedTokens tokens sampled per sequence in each timed repeat
 * @param speedBatch sequences sampled together when timing
 * @param speedWarmup untimed tokens per model before timing
 * @param speedRepeats interleaved timed repeats; the median is reported
 * @param clips generated windows per model for the mel-statistics distance
 * @param seed sampling seed of the generated windows (the same for every model)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvalParams(int maxWindows, int speedTokens, int speedBatch, int speedWarmup, int speedRepeats, int clips,
        long seed) {

    public EvalParams {
        require(maxWindows >= 1, "held-out windows %d must be at least 1", maxWindows);
        require(speedTokens >= 1 && speedBatch >= 1, "speed tokens %d and batch %d must be positive", speedTokens, speedBatch);
        require(speedWarmup >= 0, "warm-up tokens %d must not be negative", speedWarmup);
        require(speedRepeats >= 1, "speed repeats %d must be at least 1", speedRepeats);
        require(clips >= 1, "generated clips %d must be at least 1", clips);
    }

    /** Defaults: 16 windows, 256 tokens x batch 1 timed 3 times after 256 untimed, 4 clips, seed 0. */
    public static EvalParams defaults() {
        return new EvalParams(16, 256, 1, 256, 3, 4, 0);
    }

    private static void require(boolean ok, String message, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, message, args));
        }
    }
}
