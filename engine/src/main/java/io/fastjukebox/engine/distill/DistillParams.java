package io.fastjukebox.engine.distill;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.fastjukebox.engine.prior.train.PriorTrainParams;
import java.util.Locale;

/**
 * Run-time settings of a distillation run. Training windows are drawn at random (seeded by seed and
 * step), so an "epoch" is a step count: {@code stepsPerEpoch}, by default as many steps as it takes
 * to see as many windows as the training codes hold without overlap ({@code ceil(windows / batch)}).
 * Each stage has its own AdamW (Jukebox's update) with linear warm-up and linear decay to zero, as
 * TinyBERT's two distillation stages are separate optimisations.
 *
 * @param mode full, intermediate ("w/o pred") or the MLE baseline
 * @param phase1Epochs E1: epochs of intermediate-layer distillation (full mode); see {@link DistillMode}
 * @param phase2Epochs E2: epochs of prediction-layer distillation (full mode)
 * @param stepsPerEpoch steps per epoch; 0 derives it from the data as above
 * @param batchSize windows per step
 * @param lr peak learning rate of every stage
 * @param warmupSteps linear warm-up at the start of every stage
 * @param weightDecay decoupled weight decay
 * @param maxGradNorm global gradient-norm clip (0 = off)
 * @param losses loss weights and temperature
 * @param holdOutEvery every n-th track is held out for validation (0 = none)
 * @param checkpointEvery steps between atomic checkpoints
 * @param validateEvery steps between held-out evaluations (0 = never)
 * @param seed seed of the student's weights and of the data order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DistillParams(DistillMode mode, int phase1Epochs, int phase2Epochs, int stepsPerEpoch, int batchSize, double lr,
        int warmupSteps, double weightDecay, double maxGradNorm, LossWeights losses, int holdOutEvery, int checkpointEvery,
        int validateEvery, long seed) {

    public DistillParams {
        require(mode != null, "mode is required");
        require(losses != null, "loss weights are required");
        require(phase1Epochs >= 0 && phase2Epochs >= 0, "epochs %d,%d must not be negative", phase1Epochs, phase2Epochs);
        require(!mode.stages(phase1Epochs, phase2Epochs).isEmpty(), "epochs %d,%d leave mode %s nothing to train",
                phase1Epochs, phase2Epochs, mode.id());
        require(stepsPerEpoch >= 0, "steps per epoch %d must not be negative", stepsPerEpoch);
        require(batchSize >= 1 && batchSize <= 4096, "batch size %d must be between 1 and 4096", batchSize);
        require(lr > 0 && lr < 1, "learning rate %s must be in (0, 1)", lr);
        require(warmupSteps >= 0, "warm-up steps %d must not be negative", warmupSteps);
        require(weightDecay >= 0 && maxGradNorm >= 0, "weight decay %s and gradient clip %s must not be negative",
                weightDecay, maxGradNorm);
        require(holdOutEvery >= 0 && validateEvery >= 0, "hold-out %d and validation %d intervals must not be negative",
                holdOutEvery, validateEvery);
        require(checkpointEvery >= 1, "checkpoint interval %d must be at least 1", checkpointEvery);
    }

    /** CPU defaults: the paper's 20 + 50 epochs, batch 8, lr 3e-4, TinyBERT's loss weights. */
    public static DistillParams defaults(DistillMode mode) {
        return new DistillParams(mode, 20, 50, 0, 8, 3e-4, 100, 0.01, 1.0, LossWeights.defaults(), 10, 200, 200, 0);
    }

    /** Learning rate at step {@code step} (1-based) of a stage of {@code stageSteps} steps. */
    public double learningRate(long step, long stageSteps) {
        return PriorTrainParams.warmupThenLinearDecay(lr, warmupSteps, stageSteps, step);
    }

    private static void require(boolean ok, String message, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, message, args));
        }
    }
}
