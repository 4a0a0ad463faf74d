package io.fastjukebox.app.audioview;

import io.fastjukebox.engine.audio.WaveformSummary;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * The waveform of the visible range of a {@link TimeAxis}: per pixel column, the min..max range of
 * the samples under it, with the mean absolute value as a lighter inner band. Reads the summary
 * pyramid, never every sample, so any zoom of a long clip costs about the same. Optionally shades
 * {@code [0, marker]} (a prompt region).
 */
public final class WaveformView extends ResizableCanvas {
    static final Color PEAK = Color.rgb(56, 132, 204);
    static final Color BODY = Color.rgb(150, 205, 250);
    private static final Color MARKED = Color.rgb(255, 214, 10, 0.18);
    private static final Color MARKER = Color.rgb(255, 214, 10);
    private static final double HEADROOM = 0.92; // full scale reaches 92 % of the half height

    private final TimeAxis axis;
    private final ObjectProperty<AudioViewModel.Loaded> audio = new SimpleObjectProperty<>(this, "audio");
    private final DoubleProperty marker = new SimpleDoubleProperty(this, "marker", Double.NaN);
    private String hint = "Open an audio file (WAV, FLAC, Ogg Vorbis or MP3) to see its waveform and mel spectrogram.";

    public WaveformView(TimeAxis axis) {
        this.axis = axis;
        setId("waveformView");
        redrawOn(audio, marker, axis.visibleProperty(), axis.playheadProperty());
    }

    /** What to draw; {@code null} shows a hint instead. */
    public ObjectProperty<AudioViewModel.Loaded> audioProperty() {
        return audio;
    }

    /** The end of the shaded region in seconds; NaN for none. */
    public DoubleProperty markerProperty() {
        return marker;
    }

    /** The text shown while there is nothing to draw. */
    public void setHint(String text) {
        hint = text;
        if (getScene() != null) {
            redraw();
        }
    }

    @Override
    void redraw() {
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth();
        double h = getHeight();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        AudioViewModel.Loaded loaded = audio.get();
        int columns = (int) Math.floor(w);
        if (loaded == null || loaded.waveform().length() == 0 || columns < 1 || h < 4) {
            drawHint(g, w, h);
            return;
        }
        double mid = Math.floor(h / 2) + 0.5;
        drawMarker(g, w, h);
        g.setStroke(GRID);
        g.setLineWidth(1);
        g.strokeLine(0, mid, w, mid);
        TimeGrid.draw(g, w, h, axis, null);
        WaveformSummary summary = loaded.waveform();
        TimeAxis.Range r = axis.visible();
        double rate = loaded.sampleRate();
        long start = (long) Math.floor(r.start() * rate);
        long end = Math.max(start + 1, (long) Math.ceil(r.end() * rate));
        WaveformSummary.Columns c = summary.columns(start, end, columns);
        double half = h / 2 * HEADROOM;
        g.setFill(PEAK);
        for (int x = 0; x < columns; x++) {
            if (c.max()[x] >= c.min()[x]) { // columns past the end of the clip are empty
                double top = mid - c.max()[x] * half;
                double bottom = mid - c.min()[x] * half;
                g.fillRect(x, top, 1, Math.max(1, bottom - top));
            }
        }
        g.setFill(BODY);
        for (int x = 0; x < columns; x++) {
            double a = c.meanAbs()[x] * half;
            g.fillRect(x, mid - a, 1, 2 * a);
        }
        TimeGrid.drawPlayhead(g, w, h, axis);
        drawLabel(8, 18, "Waveform · " + loaded.fileName());
    }

    private void drawMarker(GraphicsContext g, double w, double h) {
        double m = marker.get();
        if (Double.isNaN(m)) {
            return;
        }
        double x = Math.max(0, Math.min(w, axis.toX(m, w)));
        double x0 = Math.max(0, axis.toX(0, w));
        g.setFill(MARKED);
        g.fillRect(x0, 0, x - x0, h);
        g.setStroke(MARKER);
        g.setLineWidth(3);
        g.strokeLine(x, 0, x, h);
        g.setLineWidth(1);
    }

    private void drawHint(GraphicsContext g, double w, double h) {
        g.setFill(LABEL);
        g.setFont(LABEL_FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(hint, w / 2, h / 2);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
    }
}
