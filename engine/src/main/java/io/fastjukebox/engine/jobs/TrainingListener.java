package io.fastjukebox.engine.jobs;

import java.nio.file.Path;
import java.util.Map;

/**
 * Progress of a training job, delivered on the job's own thread (plain Java; a UI marshals it to
 * its own thread and throttles it). Every method has an empty default.
 */
public interface TrainingListener {

    /**
     * One optimisation step finished.
     *
     * @param step steps done so far (1-based)
     * @param totalSteps steps the run will take
     * @param metrics named values of this step (loss terms, codebook usage, ...)
     * @param secondsPerStep recent average wall-clock time per step
     * @param etaSeconds estimated wall-clock seconds to the end
     */
    record Step(long step, long totalSteps, Map<String, Double> metrics, double secondsPerStep, double etaSeconds) {}

    default void onStep(Step step) {}

    /** Held-out metrics at {@code step}. */
    default void onValidation(long step, Map<String, Double> metrics) {}

    /** A checkpoint was written atomically. */
    default void onCheckpoint(long step, Path where) {}

    /** A human-readable note (data loaded, resumed from, ...). */
    default void onMessage(String message) {}
}
