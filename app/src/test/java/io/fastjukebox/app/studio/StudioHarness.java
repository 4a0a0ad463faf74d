package io.fastjukebox.app.studio;

import static org.junit.jupiter.api.Assertions.fail;

import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The real studio window on a workspace whose bundled models are the engine's tiny random-weight set. */
final class StudioHarness {
    static final long TIMEOUT_SECONDS = 180;

    final Workspace workspace;
    AppContext context;
    StudioWindow window;

    StudioHarness(Path root) throws IOException {
        Path bundled = root.resolve("bundled");
        if (!Files.isDirectory(bundled)) {
            TinyModels.write(Files.createDirectories(bundled));
        }
        workspace = new Workspace(root.resolve("workspace"), bundled);
    }

    /** Builds the window on {@code stage}; call from {@code @Start} (the FX thread). */
    void show(Stage stage) {
        context = AppContext.create(workspace);
        window = new StudioWindow(context);
        stage.setScene(new Scene(window.root(), 1400, 900));
        stage.show();
    }

    /** Reads the workspace (library, device, history) and waits for it. */
    void started() throws Exception {
        fx(context::start).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    void close() {
        if (context != null) {
            context.close();
        }
    }

    /** Runs {@code task} on the FX thread and returns its result. */
    static <T> T fx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    static void fx(Runnable task) throws Exception {
        fx(() -> {
            task.run();
            return null;
        });
    }

    /** Waits until {@code condition} (evaluated on the FX thread) holds. */
    static void waitUntil(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!fx(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + TIMEOUT_SECONDS + " s waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    static WritableImage snapshot(Node node) throws Exception {
        return fx(() -> node.snapshot(null, null));
    }

    /** The ARGB pixels of rows {@code [fromRow, toRow)} of a snapshot. */
    static int[] rows(WritableImage image, int fromRow, int toRow) {
        int w = (int) image.getWidth();
        int[] out = new int[w * (toRow - fromRow)];
        PixelReader p = image.getPixelReader();
        for (int y = fromRow; y < toRow; y++) {
            for (int x = 0; x < w; x++) {
                out[(y - fromRow) * w + x] = p.getArgb(x, y);
            }
        }
        return out;
    }

    static int distinctColours(WritableImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int v : rows(image, 0, (int) image.getHeight())) {
            colours.add(v);
        }
        return colours.size();
    }
}
