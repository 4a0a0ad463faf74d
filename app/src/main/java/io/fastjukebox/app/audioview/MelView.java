package io.fastjukebox.app.audioview;

import io.fastjukebox.engine.render.ColorMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * The mel spectrogram of the visible range of a {@link TimeAxis}, on the fixed dB scale of
 * {@link AudioViewModel#MEL_DB_RANGE} through a chosen colour map. Each redraw renders only the
 * visible frames, at most one image column per pixel, read from the {@link MelPyramid}; the image
 * and its pixel buffer are reused while their size stays the same.
 */
public final class MelView extends ResizableCanvas {
    private static final double TIME_LABEL_STRIP = 26;

    private final TimeAxis axis;
    private final ObjectProperty<AudioViewModel.Loaded> audio = new SimpleObjectProperty<>(this, "audio");
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.MAGMA);
    private WritableImage image;
    private int[] pixels;

    public MelView(TimeAxis axis) {
        this.axis = axis;
        setId("melView");
        redrawOn(audio, colorMap, axis.visibleProperty(), axis.playheadProperty());
    }

    /** What to draw; {@code null} leaves the canvas empty. */
    public ObjectProperty<AudioViewModel.Loaded> audioProperty() {
        return audio;
    }

    /** Magma by default; viridis and greys compare the same way. */
    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    @Override
    void redraw() {
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth();
        double h = getHeight();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        AudioViewModel.Loaded loaded = audio.get();
        if (loaded == null || loaded.mel().frames() == 0 || w < 1 || h < 1) {
            return;
        }
        MelPyramid mel = loaded.mel();
        double spf = mel.secondsPerFrame();
        // Frame f is centred on f * spf (librosa's centred frames), so it spans [(f - 0.5) spf, (f + 0.5) spf].
        TimeAxis.Range r = axis.visible();
        int from = (int) Math.max(0, Math.floor(r.start() / spf + 0.5));
        int to = (int) Math.min(mel.frames(), Math.ceil(r.end() / spf + 0.5));
        if (to > from) {
            int columns = Math.max(1, Math.min(to - from, (int) Math.ceil(w)));
            render(mel.columns(from, to, columns));
            double x0 = axis.toX((from - 0.5) * spf, w);
            double x1 = axis.toX((to - 0.5) * spf, w);
            g.setImageSmoothing(false);
            g.drawImage(image, 0, 0, columns, mel.bands(), x0, 0, x1 - x0, h);
        }
        TimeGrid.draw(g, w, h, axis, this);
        for (FrequencyTick tick : loaded.frequencyTicks()) {
            double y = Math.floor(h - tick.fraction() * h) + 0.5;
            if (y > h - TIME_LABEL_STRIP) {
                continue; // keep the bottom strip for the time labels
            }
            g.setStroke(LABEL);
            g.strokeLine(0, y, 8, y);
            drawLabel(14, y + 4, tick.label());
        }
        TimeGrid.drawPlayhead(g, w, h, axis);
        String caption = loaded.melCaption();
        drawLabel(w - 10 - labelWidth(caption), 18, caption); // top right, clear of the Hz labels
    }

    private void render(float[][] db) {
        int rows = db.length;
        int cols = db[0].length;
        if (image == null || image.getWidth() < cols || image.getHeight() != rows) {
            image = new WritableImage(Math.max(cols, (int) Math.ceil(getWidth())), rows);
            pixels = new int[(int) image.getWidth() * rows];
        }
        int[] table = colorMap.get().table(); // opaque, so ARGB equals premultiplied ARGB
        int last = table.length - 1;
        double range = AudioViewModel.MEL_DB_RANGE;
        for (int m = 0; m < rows; m++) {
            int rowStart = (rows - 1 - m) * cols; // band 0 (lowest) at the bottom
            for (int t = 0; t < cols; t++) {
                double level = (db[m][t] + range) / range; // [-range, 0] dB -> [0, 1]
                int index = level > 0 ? (int) Math.round(Math.min(1, level) * last) : 0; // NaN -> 0
                pixels[rowStart + t] = table[index];
            }
        }
        image.getPixelWriter().setPixels(0, 0, cols, rows, PixelFormat.getIntArgbPreInstance(), pixels, 0, cols);
    }
}
