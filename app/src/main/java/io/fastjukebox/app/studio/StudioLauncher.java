package io.fastjukebox.app.studio;

import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Entry points for the CLI: open the studio window, or render its screens headlessly to PNGs.
 *
 * <p>This class does not extend {@link Application}, so the app can stay on the class path
 * (javafx-notes section 1).
 */
public final class StudioLauncher {
    /** How long a screenshot waits for the file to be decoded and analysed. */
    static final long LOAD_TIMEOUT_SECONDS = 120;
    private static final long FX_TIMEOUT_SECONDS = 60;
    private static final int MAX_SIDE = 16384;

    private StudioLauncher() {}

    /**
     * Opens the studio window, with {@code filesToOpen} on the Compare screen, and blocks until it
     * closes. May be called once per JVM (a JavaFX rule).
     *
     * @throws IllegalStateException if there is no display to open a window on
     */
    public static void launch(List<Path> filesToOpen) {
        if (!hasDisplay() && System.getProperty("glass.platform") == null) {
            throw new IllegalStateException("no display to open the studio on (DISPLAY is not set); "
                    + "use --screenshot to render it headlessly");
        }
        Application.launch(StudioApp.class, filesToOpen.stream().map(Path::toString).toArray(String[]::new));
    }

    /**
     * Renders {@code screen} at {@code width} x {@code height} to {@code png} (written atomically),
     * with {@code filesToOpen} on the Compare screen (else the workspace's newest job). Starts JavaFX if needed (headless
     * through Monocle when {@code DISPLAY} is unset) and exits it again afterwards; if the toolkit
     * was already running, it is left running. Must not be called on the FX thread.
     *
     * @throws IOException if the file cannot be loaded, loading times out, or the PNG cannot be written
     */
    public static void screenshot(List<Path> filesToOpen, Screen screen, Path png, int width, int height)
            throws IOException {
        render(filesToOpen, Map.of(screen, png), width, height);
    }

    /** Renders every screen to {@code dir/SCREEN.png} ({@code models.png}, {@code generate.png}, ...). */
    public static List<Path> screenshotAll(List<Path> filesToOpen, Path dir, int width, int height) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        Map<Screen, Path> targets = new EnumMap<>(Screen.class);
        for (Screen s : Screen.values()) {
            targets.put(s, dir.resolve(s.id() + ".png"));
        }
        render(filesToOpen, targets, width, height);
        return List.copyOf(targets.values());
    }

    private static void render(List<Path> filesToOpen, Map<Screen, Path> targets, int width, int height)
            throws IOException {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("screenshot size " + width + "x" + height + " must be between 1x1 and "
                    + MAX_SIDE + "x" + MAX_SIDE);
        }
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("screenshot() waits for the FX thread, so it cannot run on it");
        }
        boolean startedHere = startToolkit();
        try {
            AppContext context = onFxThread(() -> AppContext.create(Workspace.fromEnvironment()));
            try {
                StudioWindow window = onFxThread(() -> new StudioWindow(context));
                Scene scene = onFxThread(() -> new Scene(window.root(), width, height));
                await(onFxThread(context::start), "read the workspace");
                await(onFxThread(() -> ScreenshotContent.fill(context, filesToOpen)), "load the clips");
                for (Map.Entry<Screen, Path> target : targets.entrySet()) {
                    BufferedImage image = onFxThread(() -> {
                        window.show(target.getKey());
                        scene.getRoot().applyCss();
                        scene.getRoot().layout();
                        return toBufferedImage(scene.snapshot(null));
                    });
                    AtomicFiles.write(target.getValue(), out -> {
                        if (!ImageIO.write(image, "png", out)) {
                            throw new IOException(target.getValue() + ": no PNG writer available");
                        }
                    });
                }
            } finally {
                onFxThread(() -> {
                    context.close();
                    return null;
                });
            }
        } finally {
            if (startedHere) {
                Platform.exit();
            }
        }
    }

    /** Waits for a ViewModel's work; its failure (a readable message) becomes the IOException. */
    private static void await(CompletableFuture<?> work, String what) throws IOException {
        try {
            work.get(LOAD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("could not " + what + " within " + LOAD_TIMEOUT_SECONDS + " s; no screenshot written", e);
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            throw new IOException(failure.getMessage(), failure.getCause() != null ? failure.getCause() : failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to " + what, e);
        }
    }

    /** Starts JavaFX unless it is running; returns whether this call started it. */
    private static boolean startToolkit() throws IOException {
        if (!hasDisplay()) {
            // Monocle's headless screen with the software renderer: no X11, no GTK (javafx-notes 3).
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("exit")) {
                throw new IOException("JavaFX has already exited in this JVM and cannot be restarted", e);
            }
            return false; // "Toolkit already initialized", e.g. inside the running studio or TestFX
        }
        await(started, "start JavaFX");
        return true;
    }

    private static boolean hasDisplay() {
        String display = System.getenv("DISPLAY");
        return display != null && !display.isBlank();
    }

    private static <T> T onFxThread(Callable<T> task) throws IOException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(FX_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the JavaFX thread did not respond within " + FX_TIMEOUT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("building the studio failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the JavaFX thread", e);
        }
    }

    private static void await(CountDownLatch latch, String what) throws IOException {
        try {
            if (!latch.await(FX_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("could not " + what + " within " + FX_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to " + what, e);
        }
    }

    static BufferedImage toBufferedImage(WritableImage snapshot) {
        int w = (int) snapshot.getWidth();
        int h = (int) snapshot.getHeight();
        int[] argb = new int[w * h];
        snapshot.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, w, h, argb, 0, w);
        return image;
    }
}
