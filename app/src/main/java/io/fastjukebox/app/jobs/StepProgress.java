package io.fastjukebox.app.jobs;

import io.fastjukebox.engine.jobs.TrainingListener;
import java.util.Locale;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The bar of a step-by-step task: the fraction of its steps done and "step i/N · s/step · ETA". Update on the UI thread. */
public final class StepProgress {
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction", 0);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "waiting");

    StepProgress() {}

    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    void update(TrainingListener.Step s) {
        fraction.set(s.totalSteps() <= 0 ? 0 : Math.min(1, s.step() / (double) s.totalSteps()));
        detail.set(describe(s));
    }

    void finish() {
        fraction.set(1);
    }

    /** e.g. {@code step 120/400 · 0.35 s/step · ETA 1:38}. */
    public static String describe(TrainingListener.Step s) {
        String eta = s.step() >= s.totalSteps() ? "done"
                : Double.isFinite(s.etaSeconds()) ? "ETA " + LevelProgress.duration(s.etaSeconds()) : "ETA …";
        return String.format(Locale.ROOT, "step %d/%d · %s s/step · %s", s.step(), s.totalSteps(),
                s.secondsPerStep() >= 10 ? String.format(Locale.ROOT, "%.0f", s.secondsPerStep())
                        : String.format(Locale.ROOT, "%.2f", s.secondsPerStep()), eta);
    }
}
