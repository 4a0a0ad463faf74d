package io.fastjukebox.engine.jobs;

import java.io.IOException;
import java.util.Map;

/**
 * The step loop every training job shares: run steps until the end or a cancellation, report each
 * with its ETA, stop on a non-finite loss, checkpoint every {@code checkpointEvery} steps, at the end
 * and when cancelled (so finished work is kept), and validate every {@code validateEvery} steps.
 *
 * @param totalSteps the step the run ends at
 * @param checkpointEvery steps between checkpoints, at least 1
 * @param validateEvery steps between validations (0 = never)
 * @param lossMetric the metric that must stay finite (e.g. {@code loss})
 */
public record TrainingLoop(long totalSteps, int checkpointEvery, int validateEvery, String lossMetric) {

    /** One optimisation step (1-based); returns its metrics, which include {@link #lossMetric}. */
    @FunctionalInterface
    public interface StepFunction {
        Map<String, Double> step(long step);
    }

    /** Held-out metrics after {@code step}; null or empty when there is nothing to validate on. */
    @FunctionalInterface
    public interface Validation {
        Map<String, Double> evaluate(long step);
    }

    public TrainingLoop {
        if (checkpointEvery < 1 || validateEvery < 0) {
            throw new IllegalArgumentException("checkpoint interval " + checkpointEvery + " must be at least 1 and "
                    + "validation interval " + validateEvery + " must not be negative");
        }
    }

    /** Runs from {@code firstStep} (1-based) to {@link #totalSteps}; returns the last finished step. */
    public long run(long firstStep, StepFunction steps, Validation validation, Checkpointer checkpoint,
            CancellationToken cancel, TrainingListener listener) throws IOException {
        long step = firstStep - 1;
        long started = System.nanoTime();
        while (step < totalSteps && !cancel.isCancelled()) {
            step++;
            Map<String, Double> metrics = steps.step(step);
            double perStep = (System.nanoTime() - started) / 1e9 / (step - firstStep + 1);
            listener.onStep(new TrainingListener.Step(step, totalSteps, metrics, perStep, perStep * (totalSteps - step)));
            Double loss = metrics.get(lossMetric);
            if (loss == null || !Double.isFinite(loss)) {
                throw new IllegalStateException(lossMetric + " became " + loss + " at step " + step
                        + "; lower the learning rate (the last checkpoint is kept)");
            }
            if (step % checkpointEvery == 0 || step == totalSteps) {
                listener.onCheckpoint(step, checkpoint.save(step));
            }
            if (validateEvery > 0 && step % validateEvery == 0) {
                Map<String, Double> held = validation.evaluate(step);
                if (held != null && !held.isEmpty()) {
                    listener.onValidation(step, held);
                }
            }
        }
        if (step >= firstStep && step % checkpointEvery != 0 && step != totalSteps) {
            listener.onCheckpoint(step, checkpoint.save(step)); // cancelled: keep what was done
        }
        return step;
    }
}
