package io.fastjukebox.app.audioview;

import java.util.Locale;
import javafx.scene.canvas.GraphicsContext;

/**
 * Vertical lines at round times, shared by the waveform and the spectrogram so both read on one
 * time axis: x = t / duration * width on every canvas of the same width.
 */
final class TimeGrid {
    private static final double[] STEPS = {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};
    private static final double MIN_SPACING_PX = 90;

    private TimeGrid() {}

    /** The smallest round step that keeps lines at least {@value #MIN_SPACING_PX} px apart. */
    static double step(double durationSeconds, double width) {
        for (double s : STEPS) {
            if (s / durationSeconds * width >= MIN_SPACING_PX) {
                return s;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    /** Draws the lines; with {@code labelled} given, also labels them along its bottom edge. */
    static void draw(GraphicsContext g, double width, double height, double durationSeconds, ResizableCanvas labelled) {
        if (!(durationSeconds > 0) || width < 1) {
            return;
        }
        double step = step(durationSeconds, width);
        g.setStroke(ResizableCanvas.GRID);
        g.setLineWidth(1);
        for (int k = 1; k * step < durationSeconds; k++) {
            double x = Math.floor(k * step / durationSeconds * width) + 0.5;
            g.strokeLine(x, 0, x, height);
            if (labelled != null && x < width - 60) {
                labelled.drawLabel(x + 5, height - 6, label(k * step, step));
            }
        }
    }

    /** {@code 2 s}, {@code 0.5 s}, or {@code 1:30} from one minute on. */
    static String label(double seconds, double step) {
        if (seconds >= 60) {
            long s = Math.round(seconds);
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return step < 1 ? String.format(Locale.ROOT, "%.1f s", seconds) : String.format(Locale.ROOT, "%.0f s", seconds);
    }
}
