package io.fastjukebox.app.studio;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes the README's screenshots from a test that has just driven a real generation (or, for the
 * Distill screen, a real distillation), when asked: {@code mvn -pl app test -Dtest='GenerationFlowTest#generation*,
 * DistillFlowTest#aRun*' -Dfastjukebox.docScreenshots=$PWD/docs/screenshots} (see the README's Studio section).
 */
final class DocScreenshots {
    static final String PROPERTY = "fastjukebox.docScreenshots";

    private DocScreenshots() {}

    /** The screens a generation shows (Distill has its own test and picture). */
    static void writeIfAsked(StudioHarness studio) throws Exception {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            return;
        }
        // Real music next to the generated clips (random-weight tiny models make near-silence), and a previewed candidate.
        Path demo = io.fastjukebox.app.DemoClip.copyTo(Files.createTempDirectory("demo"));
        StudioHarness.fx(() -> studio.context.compare().add(demo)).get();
        StudioHarness.fx(() -> studio.context.candidates().select(studio.context.candidates().candidates().get(0))).get();
        StudioHarness.fx(() -> studio.context.compare().axis().zoom(0.5, 1.0));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        for (Screen screen : Screen.values()) {
            if (screen != Screen.DISTILL) {
                writeIfAsked(studio, screen);
            }
        }
    }

    /** Writes {@code studio-SCREEN.png} of the window as it is, if asked. */
    static void writeIfAsked(StudioHarness studio, Screen screen) throws Exception {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            return;
        }
        Files.createDirectories(Path.of(dir));
        BufferedImage image = StudioHarness.fx(() -> {
            studio.window.show(screen);
            studio.window.root().applyCss();
            studio.window.root().layout();
            return StudioLauncher.toBufferedImage(studio.window.root().getScene().snapshot(null));
        });
        ImageIO.write(image, "png", Path.of(dir, "studio-" + screen.id() + ".png").toFile());
    }
}
