package io.fastjukebox.app.audioview;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * One time axis shared by every pane that should scroll and zoom together (Sonic Visualiser's
 * linked panes): the clip length, the visible range, and the playhead. Plain state with the maths
 * of zooming and scrolling; use it on the UI thread.
 */
public final class TimeAxis {
    /** The narrowest visible range, in seconds. */
    public static final double MIN_SPAN = 0.01;

    /** A visible range {@code [start, end)} in seconds. */
    public record Range(double start, double end) {
        public double span() {
            return end - start;
        }
    }

    private final ReadOnlyDoubleWrapper duration = new ReadOnlyDoubleWrapper(this, "duration", 0);
    private final ReadOnlyObjectWrapper<Range> visible = new ReadOnlyObjectWrapper<>(this, "visible", new Range(0, 1));
    private final DoubleProperty playhead = new SimpleDoubleProperty(this, "playhead", Double.NaN);

    /** The length of the longest clip on the axis; 0 when empty. */
    public ReadOnlyDoubleProperty durationProperty() {
        return duration.getReadOnlyProperty();
    }

    public double duration() {
        return duration.get();
    }

    public ReadOnlyObjectProperty<Range> visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    public Range visible() {
        return visible.get();
    }

    /** The playhead in seconds; NaN hides it. */
    public DoubleProperty playheadProperty() {
        return playhead;
    }

    /** Sets the length; shows everything if the view was showing everything (or nothing) before. */
    public void setDuration(double seconds) {
        double old = duration.get();
        Range r = visible.get();
        duration.set(Math.max(0, seconds));
        boolean wasAll = old <= 0 || (r.start() <= 0 && r.end() >= old);
        if (wasAll) {
            fit();
        } else {
            show(r.start(), r.end());
        }
    }

    /** Shows the whole length. */
    public void fit() {
        double d = duration.get();
        visible.set(new Range(0, d > 0 ? d : 1));
    }

    /**
     * Zooms by {@code factor} (below 1 zooms in) keeping {@code anchor} seconds at the same place on
     * screen, within the clip and no narrower than {@link #MIN_SPAN}.
     */
    public void zoom(double factor, double anchor) {
        Range r = visible.get();
        double d = duration.get();
        if (d <= 0 || !(factor > 0)) {
            return;
        }
        double span = Math.max(MIN_SPAN, Math.min(d, r.span() * factor));
        double a = Double.isFinite(anchor) ? Math.max(r.start(), Math.min(r.end(), anchor)) : (r.start() + r.end()) / 2;
        double start = a - (a - r.start()) / r.span() * span;
        show(start, start + span);
    }

    /** Moves the visible range to start at {@code start}, keeping its width, inside the clip. */
    public void scrollTo(double start) {
        Range r = visible.get();
        show(start, start + r.span());
    }

    /** Shows {@code [start, end)} clamped to the clip. */
    public void show(double start, double end) {
        double d = duration.get();
        if (d <= 0) {
            fit();
            return;
        }
        double span = Math.max(MIN_SPAN, Math.min(d, end - start));
        double s = Math.max(0, Math.min(d - span, start));
        visible.set(new Range(s, s + span));
    }

    /** The x of time {@code seconds} on a pane {@code width} pixels wide. */
    public double toX(double seconds, double width) {
        Range r = visible.get();
        return (seconds - r.start()) / r.span() * width;
    }

    /** The time at {@code x} on a pane {@code width} pixels wide. */
    public double toSeconds(double x, double width) {
        Range r = visible.get();
        return r.start() + x / width * r.span();
    }
}
