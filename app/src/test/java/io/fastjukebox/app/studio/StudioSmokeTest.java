package io.fastjukebox.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.app.DemoClip;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real studio window headless (Monocle) and loads the demo clip into it. */
@ExtendWith(ApplicationExtension.class)
class StudioSmokeTest {
    private static final long TIMEOUT_SECONDS = 60;

    private StudioApp app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new StudioApp();
        app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void windowShowsTheAudioViewAndLoadsTheDemoClip(FxRobot robot, @TempDir Path dir) throws Exception {
        assertEquals("Fast Jukebox Studio", stage.getTitle());
        assertEquals(900, stage.getMinWidth());
        assertEquals(600, stage.getMinHeight());
        Button open = robot.lookup("#openButton").queryButton();
        assertEquals("Open audio…", open.getText());
        Canvas waveform = robot.lookup("#waveformView").queryAs(Canvas.class);
        Canvas mel = robot.lookup("#melView").queryAs(Canvas.class);
        Label info = robot.lookup("#infoLabel").queryAs(Label.class);
        assertTrue(waveform.getWidth() > 100 && waveform.getHeight() > 50, "waveform canvas was laid out");
        assertEquals(waveform.getWidth(), mel.getWidth(), "one time axis: both canvases have the same width");
        double emptyShare = foregroundShare(waveform);

        Path clip = DemoClip.copyTo(dir);
        CompletableFuture<Void> loaded = WaitForAsyncUtils.asyncFx(() -> app.audioViewModel().load(clip))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        loaded.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        String text = WaitForAsyncUtils.asyncFx(info::getText).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (String expected : new String[] {"Ogg Vorbis", "22050 Hz", "12.00 s", "dBFS"}) {
            assertTrue(text.contains(expected), () -> "'" + expected + "' missing from info label: " + text);
        }
        double loadedShare = foregroundShare(waveform);
        assertTrue(loadedShare > 0.10, "waveform covers " + loadedShare + " of the canvas");
        assertTrue(loadedShare > emptyShare + 0.05, "drawn " + loadedShare + " vs empty " + emptyShare);
        long melColours = distinctColours(mel);
        assertTrue(melColours > 100, "the spectrogram shows " + melColours + " colours");
    }

    private static long distinctColours(Canvas canvas) throws Exception {
        WritableImage image = snapshot(canvas);
        PixelReader pixels = image.getPixelReader();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                colours.add(pixels.getArgb(x, y));
            }
        }
        return colours.size();
    }

    private static WritableImage snapshot(Canvas canvas) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Fraction of the canvas's pixels that differ clearly from its top-left (background) pixel. */
    private static double foregroundShare(Canvas canvas) throws Exception {
        WritableImage image = snapshot(canvas);
        PixelReader pixels = image.getPixelReader();
        int background = pixels.getArgb(1, 1);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        long differing = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (distance(pixels.getArgb(x, y), background) > 48) {
                    differing++;
                }
            }
        }
        return differing / (double) (w * h);
    }

    private static int distance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
        }
        return d;
    }
}
