package io.fastjukebox.engine.prior.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Locale;

/**
 * Run-time settings of prior training: next-token cross-entropy, AdamW (Jukebox's update with
 * decoupled weight decay) with linear warm-up and linear decay to zero over the run, and global
 * gradient-norm clipping.
 *
 * @param steps optimisation steps of the whole run
 * @param batchSize windows per step
 * @param lr peak learning rate
 * @param warmupSteps linear warm-up
 * @param weightDecay decoupled weight decay
 * @param maxGradNorm global gradient-norm clip (0 = off)
 * @param holdOutEvery every n-th track is held out for validation (0 = none)
 * @param checkpointEvery steps between atomic checkpoints
 * @param validateEvery steps between held-out evaluations (0 = never)
 * @param seed seed of the weights and of the data order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PriorTrainParams(long steps, int batchSize, double lr, int warmupSteps, double weightDecay, double maxGradNorm,
        int holdOutEvery, int checkpointEvery, int validateEvery, long seed) {

    public PriorTrainParams {
        require(steps >= 1, "steps %d must be at least 1", steps);
        require(batchSize >= 1 && batchSize <= 4096, "batch size %d must be between 1 and 4096", batchSize);
        require(lr > 0 && lr < 1, "learning rate %s must be in (0, 1)", lr);
        require(warmupSteps >= 0, "warm-up steps %d must not be negative", warmupSteps);
        require(weightDecay >= 0 && maxGradNorm >= 0, "weight decay and gradient clip must not be negative");
        require(holdOutEvery >= 0 && validateEvery >= 0, "intervals must not be negative");
        require(checkpointEvery >= 1, "checkpoint interval %d must be at least 1", checkpointEvery);
    }

    /** CPU defaults for {@code steps} steps. */
    public static PriorTrainParams defaults(long steps) {
        return new PriorTrainParams(steps, 8, 3e-4, 100, 0.01, 1.0, 10, 200, 200, 0);
    }

    /** Learning rate at {@code step} (1-based): linear warm-up, then linear decay to zero at the end. */
    public double learningRate(long step) {
        return warmupThenLinearDecay(lr, warmupSteps, steps, step);
    }

    /**
     * Learning rate at {@code step} (1-based) of a run of {@code steps}: linear warm-up over {@code warmupSteps}, then
     * linear decay to (almost) zero at the end.
     */
    public static double warmupThenLinearDecay(double lr, int warmupSteps, long steps, long step) {
        double warm = warmupSteps == 0 ? 1 : Math.min(1.0, step / (double) warmupSteps);
        double decay = steps <= warmupSteps ? 1 : Math.max(0, 1 - (step - warmupSteps) / (double) (steps - warmupSteps));
        return lr * warm * Math.min(1, decay + 1e-3);
    }

    /** A copy with another step count (resuming to a new end). */
    public PriorTrainParams withSteps(long newSteps) {
        return new PriorTrainParams(newSteps, batchSize, lr, warmupSteps, weightDecay, maxGradNorm, holdOutEvery,
                checkpointEvery, validateEvery, seed);
    }

    private static void require(boolean ok, String message, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, message, args));
        }
    }
}
