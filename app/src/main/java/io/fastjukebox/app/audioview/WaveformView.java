package io.fastjukebox.app.audioview;

import io.fastjukebox.engine.audio.WaveformSummary;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * The waveform: per pixel column, the min..max range of the samples under it, with the mean
 * absolute value as a lighter inner band. Reads the summary pyramid, never every sample.
 */
final class WaveformView extends ResizableCanvas {
    static final Color PEAK = Color.rgb(56, 132, 204);
    static final Color BODY = Color.rgb(150, 205, 250);
    private static final double HEADROOM = 0.92; // full scale reaches 92 % of the half height

    private final ObjectProperty<AudioViewModel.Loaded> audio = new SimpleObjectProperty<>(this, "audio");

    WaveformView() {
        setId("waveformView");
        audio.addListener(o -> redraw());
    }

    /** What to draw; {@code null} shows a hint instead. */
    ObjectProperty<AudioViewModel.Loaded> audioProperty() {
        return audio;
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
        g.setStroke(GRID);
        g.setLineWidth(1);
        g.strokeLine(0, mid, w, mid);
        TimeGrid.draw(g, w, h, loaded.durationSeconds(), null);
        WaveformSummary summary = loaded.waveform();
        WaveformSummary.Columns c = summary.columns(0, summary.length(), columns);
        double half = h / 2 * HEADROOM;
        g.setFill(PEAK);
        for (int x = 0; x < columns; x++) {
            double top = mid - c.max()[x] * half;
            double bottom = mid - c.min()[x] * half;
            g.fillRect(x, top, 1, Math.max(1, bottom - top));
        }
        g.setFill(BODY);
        for (int x = 0; x < columns; x++) {
            double a = c.meanAbs()[x] * half;
            g.fillRect(x, mid - a, 1, 2 * a);
        }
        drawLabel(8, 18, "Waveform · " + loaded.fileName());
    }

    private void drawHint(GraphicsContext g, double w, double h) {
        g.setFill(LABEL);
        g.setFont(LABEL_FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("Open an audio file (WAV, FLAC, Ogg Vorbis or MP3) to see its waveform and mel spectrogram.",
                w / 2, h / 2);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
    }
}
