package io.fastjukebox.app.audioview;

import java.util.Locale;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * Vertical lines at round times, shared by the waveform and the spectrogram so both read on one
 * time axis, plus the playhead every view draws the same way.
 */
final class TimeGrid {
    static final Color PLAYHEAD = Color.rgb(255, 214, 10);
    private static final double[] STEPS = {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800,
        3600};
    private static final double MIN_SPACING_PX = 90;

    private TimeGrid() {}

    /** The smallest round step that keeps lines at least {@value #MIN_SPACING_PX} px apart. */
    static double step(double spanSeconds, double width) {
        for (double s : STEPS) {
            if (s / spanSeconds * width >= MIN_SPACING_PX) {
                return s;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    /** Draws the lines of the visible range; with {@code labelled} given, also labels them along its bottom edge. */
    static void draw(GraphicsContext g, double width, double height, TimeAxis axis, ResizableCanvas labelled) {
        TimeAxis.Range r = axis.visible();
        if (!(r.span() > 0) || width < 1) {
            return;
        }
        double step = step(r.span(), width);
        g.setStroke(ResizableCanvas.GRID);
        g.setLineWidth(1);
        for (long k = (long) Math.ceil(r.start() / step); k * step < r.end(); k++) {
            if (k == 0) {
                continue;
            }
            double x = Math.floor(axis.toX(k * step, width)) + 0.5;
            g.strokeLine(x, 0, x, height);
            if (labelled != null && x < width - 60) {
                labelled.drawLabel(x + 5, height - 6, label(k * step, step));
            }
        }
    }

    /** The playhead line, if it is set and visible. */
    static void drawPlayhead(GraphicsContext g, double width, double height, TimeAxis axis) {
        double t = axis.playheadProperty().get();
        if (Double.isNaN(t)) {
            return;
        }
        double x = Math.floor(axis.toX(t, width)) + 0.5;
        if (x >= 0 && x <= width) {
            g.setStroke(PLAYHEAD);
            g.setLineWidth(2);
            g.strokeLine(x, 0, x, height);
            g.setLineWidth(1);
        }
    }

    /** {@code 2 s}, {@code 0.5 s}, {@code 0.05 s}, or {@code 1:30} from one minute on. */
    static String label(double seconds, double step) {
        if (seconds >= 60 && step >= 1) {
            long s = Math.round(seconds);
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        if (step < 0.1) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        return step < 1 ? String.format(Locale.ROOT, "%.1f s", seconds) : String.format(Locale.ROOT, "%.0f s", seconds);
    }
}
