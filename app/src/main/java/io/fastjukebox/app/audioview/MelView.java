package io.fastjukebox.app.audioview;

import io.fastjukebox.engine.render.ColorMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * The mel spectrogram: one image pixel per (frame, band) coloured through the magma table, scaled
 * to the canvas without smoothing. The image and its pixel buffer are rebuilt only when the data
 * changes (and reallocated only when its size changes), so a resize is a single scaled draw.
 */
final class MelView extends ResizableCanvas {
    private static final double TIME_LABEL_STRIP = 26;
    private static final int[] MAGMA = ColorMap.MAGMA.table(); // opaque, so ARGB equals premultiplied ARGB

    private final ObjectProperty<AudioViewModel.Loaded> audio = new SimpleObjectProperty<>(this, "audio");
    private WritableImage image;
    private int[] pixels;

    MelView() {
        setId("melView");
        audio.addListener(o -> {
            rebuildImage();
            redraw();
        });
    }

    /** What to draw; {@code null} leaves the canvas empty. */
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
        if (loaded == null || image == null || !(loaded.durationSeconds() > 0)) {
            return;
        }
        // Column f is centred on time f * hop (librosa's centred frames), so it spans
        // [(f - 0.5) hop, (f + 0.5) hop]; placing it there keeps it under the same x as the waveform.
        int columns = (int) image.getWidth();
        double pxPerSecond = w / loaded.durationSeconds();
        double x0 = -0.5 * loaded.melSecondsPerFrame() * pxPerSecond;
        double drawnWidth = columns * loaded.melSecondsPerFrame() * pxPerSecond;
        g.setImageSmoothing(false);
        g.drawImage(image, 0, 0, columns, image.getHeight(), x0, 0, drawnWidth, h);
        TimeGrid.draw(g, w, h, loaded.durationSeconds(), this);
        for (FrequencyTick tick : loaded.frequencyTicks()) {
            double y = Math.floor(h - tick.fraction() * h) + 0.5;
            if (y > h - TIME_LABEL_STRIP) {
                continue; // keep the bottom strip for the time labels
            }
            g.setStroke(LABEL);
            g.strokeLine(0, y, 8, y);
            drawLabel(14, y + 4, tick.label());
        }
        String caption = loaded.melCaption();
        drawLabel(w - 10 - labelWidth(caption), 18, caption); // top right, clear of the Hz labels
    }

    private void rebuildImage() {
        AudioViewModel.Loaded loaded = audio.get();
        double[][] db = loaded == null ? null : loaded.melDb();
        if (db == null || db.length == 0 || db[0].length == 0) {
            image = null;
            return;
        }
        int rows = db.length;
        int cols = db[0].length;
        if (image == null || image.getWidth() != cols || image.getHeight() != rows) {
            image = new WritableImage(cols, rows);
            pixels = new int[cols * rows];
        }
        double range = AudioViewModel.MEL_DB_RANGE;
        int last = MAGMA.length - 1;
        for (int m = 0; m < rows; m++) {
            int rowStart = (rows - 1 - m) * cols; // band 0 (lowest) at the bottom
            for (int t = 0; t < cols; t++) {
                double level = (db[m][t] + range) / range; // [-range, 0] dB -> [0, 1]
                int index = level > 0 ? (int) Math.round(Math.min(1, level) * last) : 0; // NaN -> 0
                pixels[rowStart + t] = MAGMA[index];
            }
        }
        image.getPixelWriter().setPixels(0, 0, cols, rows, PixelFormat.getIntArgbPreInstance(), pixels, 0, cols);
    }
}
