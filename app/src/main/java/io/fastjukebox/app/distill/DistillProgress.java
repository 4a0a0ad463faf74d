package io.fastjukebox.app.distill;

import io.fastjukebox.app.jobs.StepProgress;
import io.fastjukebox.engine.jobs.TrainingListener;
import java.nio.file.Path;
import java.util.Map;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the Distill screen shows of the run in progress, fed with the run's events on the UI thread
 * (the {@link io.fastjukebox.app.jobs.JobQueue} brings them there): the loss curves per term, the
 * phase (from the engine's phase messages), epoch, step, speed and ETA, the last held-out metrics,
 * and a log of the engine's messages (data, layer mapping, phases, checkpoints).
 */
public final class DistillProgress implements TrainingListener {
    static final int MAX_LOG_LINES = 300;

    private final LossCurves curves = new LossCurves();
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction", 0);
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper(this, "phase", "");
    private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper(this, "position", "");
    private final ReadOnlyStringWrapper heldOut = new ReadOnlyStringWrapper(this, "heldOut", "");
    private final ReadOnlyStringWrapper log = new ReadOnlyStringWrapper(this, "log", "");
    private int logLines;

    public LossCurves curves() { return curves; }
    /** Steps done over the run's steps. */
    public ReadOnlyDoubleProperty fractionProperty() { return fraction.getReadOnlyProperty(); }
    /** The engine's line for the phase in progress, e.g. "phase 1/2: intermediate-layer distillation ...". */
    public ReadOnlyStringProperty phaseProperty() { return phase.getReadOnlyProperty(); }
    /** e.g. "phase 1 · epoch 3 · step 120/400 · 0.35 s/step · ETA 1:38". */
    public ReadOnlyStringProperty positionProperty() { return position.getReadOnlyProperty(); }
    /** The last held-out metrics with their step, or empty before the first. */
    public ReadOnlyStringProperty heldOutProperty() { return heldOut.getReadOnlyProperty(); }
    /** The engine's messages, one per line (the last {@value #MAX_LOG_LINES}). */
    public ReadOnlyStringProperty logProperty() { return log.getReadOnlyProperty(); }

    /** Forgets the previous run (curves, position, metrics, log). */
    void reset() {
        curves.clear();
        fraction.set(0);
        phase.set("");
        position.set("");
        heldOut.set("");
        log.set("");
        logLines = 0;
    }

    @Override
    public void onStep(Step s) {
        curves.add(s.step(), s.metrics());
        fraction.set(s.totalSteps() <= 0 ? 0 : Math.min(1, s.step() / (double) s.totalSteps()));
        Double p = s.metrics().get("phase");
        Double e = s.metrics().get("epoch");
        position.set((p == null ? "" : "phase " + p.intValue() + " · ") + (e == null ? "" : "epoch " + e.intValue() + " · ")
                + StepProgress.describe(s));
    }

    @Override
    public void onValidation(long step, Map<String, Double> metrics) {
        String text = DistillRunItem.heldOut(io.fastjukebox.engine.config.Json.mapper().valueToTree(metrics));
        heldOut.set("Held-out at step " + step + ": " + (text.isEmpty() ? metrics.toString() : text));
        append(heldOut.get());
    }

    @Override
    public void onCheckpoint(long step, Path where) {
        append("checkpoint at step " + step + ": " + where.getFileName());
    }

    @Override
    public void onMessage(String message) {
        if (message.startsWith("phase ")) {
            phase.set(message);
        }
        append(message);
    }

    /** Adds a line of the studio's own (start, resume, end) to the log. */
    void note(String line) {
        append(line);
    }

    private void append(String text) {
        String all = log.get().isEmpty() ? text : log.get() + "\n" + text;
        logLines += (int) text.lines().count();
        while (logLines > MAX_LOG_LINES) {
            all = all.substring(all.indexOf('\n') + 1);
            logLines--;
        }
        log.set(all);
    }
}
