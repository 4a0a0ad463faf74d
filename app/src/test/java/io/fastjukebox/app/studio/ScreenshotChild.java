package io.fastjukebox.app.studio;

import java.nio.file.Path;
import java.util.List;

/** Run by {@link ScreenshotTest} in a fresh JVM: {@code ScreenshotChild AUDIO OUTDIR}; renders every screen. */
final class ScreenshotChild {
    private ScreenshotChild() {}

    public static void main(String[] args) throws Exception {
        StudioLauncher.screenshotAll(List.of(Path.of(args[0])), Path.of(args[1]), 640, 480);
        // No System.exit: the test checks that the JVM ends by itself once the toolkit has exited.
    }
}
