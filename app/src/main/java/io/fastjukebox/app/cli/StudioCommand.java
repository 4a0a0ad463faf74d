package io.fastjukebox.app.cli;

import io.fastjukebox.app.studio.Screen;
import io.fastjukebox.app.studio.StudioLauncher;
import io.fastjukebox.app.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fastjukebox studio [FILE...]}: opens the desktop studio, or renders its screens to PNGs. */
@Command(name = "studio", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Open the Fast Jukebox Studio window, optionally with audio FILEs on the Compare screen.")
final class StudioCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Audio files to open on the Compare screen.")
    List<Path> files = List.of();

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "The workspace (models/, jobs/, model-sets/); default $FASTJUKEBOX_WORKSPACE or ~/FastJukebox.")
    Path workspace;

    @Option(names = "--screenshot", paramLabel = "OUT.png",
            description = "Render one screen (--screen) to a PNG (headless when there is no display) and exit.")
    Path screenshot;

    @Option(names = "--screen", defaultValue = "compare", paramLabel = "NAME",
            description = "The screen for --screenshot: models, generate, candidates, compare, distill or history (default: ${DEFAULT-VALUE}).")
    String screen;

    @Option(names = "--screenshot-all", paramLabel = "DIR",
            description = "Render every screen to DIR/<screen>.png and exit.")
    Path screenshotAll;

    @Option(names = "--width", defaultValue = "1400", description = "Screenshot width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "900", description = "Screenshot height (default: ${DEFAULT-VALUE}).")
    int height;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (workspace != null) {
            System.setProperty(Workspace.WORKSPACE_PROPERTY, workspace.toAbsolutePath().toString());
        }
        if (screenshot == null && screenshotAll == null) {
            StudioLauncher.launch(files);
            return 0;
        }
        if (screenshot != null && screenshotAll != null) {
            throw new ParameterException(spec.commandLine(), "use --screenshot or --screenshot-all, not both");
        }
        if (width < 400 || height < 300 || width > 7680 || height > 4320) {
            throw new IllegalArgumentException("screenshot size " + width + "x" + height
                    + " must be between 400x300 and 7680x4320");
        }
        if (screenshot != null) {
            StudioLauncher.screenshot(files, Screen.parse(screen), screenshot, width, height);
            spec.commandLine().getOut().println("wrote " + screenshot);
        } else {
            for (Path png : StudioLauncher.screenshotAll(files, screenshotAll, width, height)) {
                spec.commandLine().getOut().println("wrote " + png);
            }
        }
        return 0;
    }
}
