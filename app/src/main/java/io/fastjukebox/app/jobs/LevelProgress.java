package io.fastjukebox.app.jobs;

import io.fastjukebox.engine.generate.GenerationListener;
import io.fastjukebox.engine.generate.PerLevel;
import java.util.Locale;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One level's bar of a running job: the fraction done and "window i/N · tokens/s · ETA". Update on the UI thread. */
public final class LevelProgress {
    private final int level;
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction", 0);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "waiting");

    LevelProgress(int level) {
        this.level = level;
    }

    /** 2 = top, 1 = middle, 0 = bottom. */
    public int level() {
        return level;
    }

    /** top, middle or bottom. */
    public String name() {
        return PerLevel.name(level);
    }

    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    void update(GenerationListener.Progress p) {
        fraction.set(p.fraction());
        detail.set(describe(p));
    }

    void finish(String text) {
        fraction.set(1);
        detail.set(text);
    }

    void note(String text) {
        detail.set(text);
    }

    static String describe(GenerationListener.Progress p) {
        String eta = Double.isFinite(p.etaSeconds()) ? "ETA " + duration(p.etaSeconds()) : "ETA …";
        return String.format(Locale.ROOT, "window %d/%d · %.0f tokens/s · %s", p.window(), p.windows(),
                p.tokensPerSecond(), p.fraction() >= 1 ? "level done" : eta);
    }

    /** {@code 0:42}, {@code 12:05} or {@code 3:04:10}. */
    public static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
