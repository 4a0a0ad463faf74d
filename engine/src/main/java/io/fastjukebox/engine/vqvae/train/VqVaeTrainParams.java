package io.fastjukebox.engine.vqvae.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Locale;

/**
 * Run-time settings of VQ-VAE training (the architecture is {@code VqVaeConfig}). Defaults follow
 * the released Jukebox VQ-VAE (lmix = 1.0 L2 + 0.02 Linf, multispectral 1.0, Adam 3e-4 with 100
 * warm-up steps), with window and batch sizes for a CPU.
 *
 * @param steps optimisation steps of the whole run
 * @param batchSize windows per step
 * @param sampleLength samples per window; a multiple of the top level's hop length
 * @param lr peak learning rate
 * @param warmupSteps linear warm-up
 * @param lmixL1 weight of the L1 reconstruction term
 * @param lmixL2 weight of the L2 reconstruction term
 * @param lmixLinf weight of the Linf (top-k squared error) term
 * @param linfK how many largest squared errors Linf averages
 * @param multispectral weight of the multi-resolution spectral loss
 * @param maxGradNorm global gradient norm clip (0 = off)
 * @param targetRmsDbfs loudness every training file is normalised to
 * @param holdOutEvery every n-th file is held out for validation (0 = none)
 * @param checkpointEvery steps between atomic checkpoints
 * @param validateEvery steps between held-out evaluations (0 = never)
 * @param seed seed of the data order, codebook restarts and initial weights
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VqVaeTrainParams(
        long steps,
        int batchSize,
        int sampleLength,
        double lr,
        int warmupSteps,
        double lmixL1,
        double lmixL2,
        double lmixLinf,
        int linfK,
        double multispectral,
        double maxGradNorm,
        double targetRmsDbfs,
        int holdOutEvery,
        int checkpointEvery,
        int validateEvery,
        long seed) {

    public VqVaeTrainParams {
        require(steps >= 1, "steps %d must be at least 1", steps);
        require(batchSize >= 1 && batchSize <= 1024, "batch size %d must be between 1 and 1024", batchSize);
        require(sampleLength >= 256, "sample length %d must be at least 256", sampleLength);
        require(lr > 0 && lr < 1, "learning rate %s must be in (0, 1)", lr);
        require(warmupSteps >= 0, "warm-up steps %d must not be negative", warmupSteps);
        require(linfK >= 1, "linf_k %d must be positive", linfK);
        require(lmixL1 >= 0 && lmixL2 >= 0 && lmixLinf >= 0 && multispectral >= 0, "loss weights must not be negative");
        require(targetRmsDbfs < 0 && targetRmsDbfs > -60, "target RMS %s dBFS must be in (-60, 0)", targetRmsDbfs);
        require(checkpointEvery >= 1, "checkpoint interval %d must be at least 1", checkpointEvery);
        require(validateEvery >= 0 && holdOutEvery >= 0, "intervals must not be negative");
    }

    /** CPU defaults for {@code steps} steps. */
    public static VqVaeTrainParams defaults(long steps) {
        return new VqVaeTrainParams(steps, 4, 16384, 3e-4, 100, 0, 1.0, 0.02, 2048, 1.0, 1.0, -20, 10, 200, 200, 0);
    }

    /** The learning rate at {@code step} (1-based): linear warm-up, then constant (Jukebox's default schedule). */
    public double learningRate(long step) {
        return warmupSteps == 0 ? lr : lr * Math.min(1.0, step / (double) warmupSteps);
    }

    /** A copy with another step count (for resuming a run to a new end). */
    public VqVaeTrainParams withSteps(long newSteps) {
        return new VqVaeTrainParams(newSteps, batchSize, sampleLength, lr, warmupSteps, lmixL1, lmixL2, lmixLinf, linfK,
                multispectral, maxGradNorm, targetRmsDbfs, holdOutEvery, checkpointEvery, validateEvery, seed);
    }

    private static void require(boolean ok, String message, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, message, args));
        }
    }
}
