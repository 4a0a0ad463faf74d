package io.fastjukebox.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.audio.DbScale;
import io.fastjukebox.engine.audio.MelFilterBank;
import io.fastjukebox.engine.audio.MelParams;
import io.fastjukebox.engine.audio.MelSpectrogram;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MelImageRendererTest {
    // Plot geometry of MelImageRenderer: 70 px left margin, 100 px right, 34 px top, 46 px bottom.
    private static final int W = 800;
    private static final int H = 400;
    private static final int PLOT_H = H - 34 - 46;

    @Test
    void aToneIsBrightAtItsMelHeightAndSilenceIsDark(@TempDir Path dir) throws IOException {
        int rate = 22050;
        float[] x = new float[rate * 2];
        for (int i = 0; i < rate; i++) { // 1 kHz for the first second, then silence
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / rate));
        }
        MelParams p = MelParams.librosaDefaults(rate);
        MelSpectrogram mel = MelSpectrogram.of(x, p);
        double[][] db = mel.toDb(DbScale.relativeToMax(80));
        BufferedImage img = MelImageRenderer.render(mel, db, -80, 0, new MelImageStyle(W, H, ColorMap.MAGMA, "test"));
        assertEquals(W, img.getWidth());
        assertEquals(H, img.getHeight());

        double melFraction = (MelFilterBank.hzToMel(1000) - 0) / MelFilterBank.hzToMel(p.fMax());
        int toneY = 34 + PLOT_H - (int) Math.round(melFraction * PLOT_H);
        int duringTone = 70 + (W - 170) / 4; // a quarter of the way in: inside the first second
        int afterTone = 70 + (W - 170) * 3 / 4; // three quarters in: silence
        assertEquals(ColorMap.MAGMA.argb(1) & 0xffffff, img.getRGB(duringTone, toneY) & 0xffffff, "tone pixel");
        assertEquals(ColorMap.MAGMA.argb(0) & 0xffffff, img.getRGB(afterTone, toneY) & 0xffffff, "silent pixel");
        assertTrue(ColorMapTest.luma(img.getRGB(duringTone, 34 + 5)) < 60, "far above the tone is dark");

        // Colour bar on the right: top is the loudest colour, bottom the quietest.
        int barX = W - 100 + 18 + 8;
        assertEquals(ColorMap.MAGMA.argb(1 - 1.0 / (PLOT_H - 1)) & 0xffffff, img.getRGB(barX, 34 + 1) & 0xffffff);
        assertTrue(ColorMapTest.luma(img.getRGB(barX, 34 + PLOT_H - 2)) < 10, "bottom of the colour bar");

        Path png = dir.resolve("mel.png");
        MelImageRenderer.writePng(img, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(img.getRGB(duringTone, toneY), back.getRGB(duringTone, toneY));
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void rejectsAnEmptyDbRangeAndTinyPictures() {
        MelSpectrogram mel = MelSpectrogram.of(new float[4096], MelParams.librosaDefaults(22050));
        double[][] db = mel.toDb(DbScale.relativeToMax(80));
        MelImageStyle style = new MelImageStyle(400, 300, ColorMap.GREYS, "");
        assertThrows(IllegalArgumentException.class, () -> MelImageRenderer.render(mel, db, 0, 0, style));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MelImageStyle(10, 300, ColorMap.MAGMA, ""));
        assertEquals("picture width 10 must be between 200 and 20000 pixels", e.getMessage());
    }
}
