package io.fastjukebox.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.app.DemoClip;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import io.fastjukebox.app.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** {@link StudioLauncher#screenshot}: in this JVM (toolkit already running) and in a fresh one. */
class ScreenshotTest {
    @TempDir
    Path dir;

    /**
     * Other tests in this JVM need JavaFX afterwards, so start it here first: screenshot() then sees
     * a running toolkit and leaves it running (Platform.exit would end it for the whole JVM).
     */
    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void useATemporaryWorkspace() {
        System.setProperty(Workspace.WORKSPACE_PROPERTY, dir.resolve("workspace").toString());
        System.setProperty(Workspace.BUNDLED_PROPERTY, dir.resolve("bundled").toString());
    }

    @AfterEach
    void forgetTheWorkspace() {
        System.clearProperty(Workspace.WORKSPACE_PROPERTY);
        System.clearProperty(Workspace.BUNDLED_PROPERTY);
    }

    @Test
    void rendersTheLoadedDemoClipToAPngOfTheRequestedSize() throws Exception {
        Path png = dir.resolve("studio.png");

        StudioLauncher.screenshot(List.of(DemoClip.copyTo(dir)), Screen.COMPARE, png, 1000, 700);

        assertPicture(png, 1000, 700, 200);
        assertTrue(Files.isDirectory(dir.resolve("workspace/jobs")), "the workspace folders were created");
    }

    @Test
    void badFileFailsWithTheViewModelsMessageAndWritesNothing() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.wav"), "not audio");
        Path png = dir.resolve("bad.png");

        IOException e = assertThrows(IOException.class,
                () -> StudioLauncher.screenshot(List.of(bad), Screen.COMPARE, png, 900, 600));

        assertTrue(e.getMessage().contains("bad.wav: not a supported audio file"), e.getMessage());
        assertTrue(Files.notExists(png));
    }

    /**
     * The CLI path: a fresh JVM with no DISPLAY and no JavaFX system properties, so screenshot()
     * must pick Monocle itself, start the toolkit, exit it, and let the JVM end.
     */
    @Test
    void freshJvmWithoutDisplayRendersAndExits() throws Exception {
        Path clip = DemoClip.copyTo(dir);
        Path out = dir.resolve("screens");
        Path log = dir.resolve("child.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djava.awt.headless=true", "-D" + Workspace.WORKSPACE_PROPERTY + "=" + dir.resolve("child-workspace"),
                "-D" + Workspace.BUNDLED_PROPERTY + "=" + dir.resolve("child-bundled"),
                ScreenshotChild.class.getName(), clip.toString(), out.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Process child = builder.start();

        boolean exited = child.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        assertTrue(exited, () -> "the child JVM did not exit; output:\n" + readQuietly(log));
        assertEquals(0, child.exitValue(), () -> "child output:\n" + readQuietly(log));
        for (Screen screen : Screen.values()) {
            assertPicture(out.resolve(screen.id() + ".png"), 640, 480, screen == Screen.COMPARE ? 200 : 20);
        }
    }

    private static void assertPicture(Path png, int width, int height, int minColours) throws IOException {
        assertTrue(Files.isRegularFile(png), png + " was written");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < height; y += 2) {
            for (int x = 0; x < width; x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > minColours, png.getFileName() + ": only " + colours.size() + " colours: the picture is (nearly) uniform");
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
