package io.fastjukebox.app.cli;

import io.fastjukebox.app.studio.StudioLauncher;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fastjukebox studio [FILE]}: opens the desktop studio, or renders it to a PNG. */
@Command(name = "studio", mixinStandardHelpOptions = true,
        description = "Open the Fast Jukebox Studio window, optionally with an audio FILE loaded.")
final class StudioCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Audio file to open.")
    Path file;

    @Option(names = "--screenshot", paramLabel = "OUT.png",
            description = "Render the main window to a PNG (headless when there is no display) and exit.")
    Path screenshot;

    @Option(names = "--width", defaultValue = "1400", description = "Screenshot width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "900", description = "Screenshot height (default: ${DEFAULT-VALUE}).")
    int height;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Optional<Path> toOpen = Optional.ofNullable(file);
        if (screenshot != null) {
            if (width < 400 || height < 300 || width > 7680 || height > 4320) {
                throw new IllegalArgumentException("screenshot size " + width + "x" + height
                        + " must be between 400x300 and 7680x4320");
            }
            StudioLauncher.screenshot(toOpen, screenshot, width, height);
            spec.commandLine().getOut().println("wrote " + screenshot);
            return 0;
        }
        StudioLauncher.launch(toOpen);
        return 0;
    }
}
