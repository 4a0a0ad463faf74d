package io.fastjukebox.app.studio;

import io.fastjukebox.app.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The studio's main window. Start it through {@link StudioLauncher#launch}; the raw application
 * parameters are audio files to open on the Compare screen. The workspace comes from
 * {@link Workspace#fromEnvironment()} (the CLI's {@code --workspace} sets its system property).
 */
public final class StudioApp extends Application {
    private AppContext context;
    private StudioWindow window;

    @Override
    public void start(Stage stage) {
        context = AppContext.create(Workspace.fromEnvironment());
        window = new StudioWindow(context);
        stage.setTitle(StudioWindow.TITLE);
        stage.setMinWidth(StudioWindow.MIN_WIDTH);
        stage.setMinHeight(StudioWindow.MIN_HEIGHT);
        stage.setScene(new Scene(window.root(), 1400, 900));
        stage.show();
        context.start();
        List<Path> files = filesToOpen();
        if (!files.isEmpty()) {
            files.forEach(context.compare()::add);
            window.show(Screen.COMPARE);
        }
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }

    /** The window's context (for tests in this package). */
    AppContext context() {
        return context;
    }

    /** The window (for tests in this package). */
    StudioWindow window() {
        return window;
    }

    private List<Path> filesToOpen() {
        Parameters parameters = getParameters(); // null when started by a test harness, not launch()
        return parameters == null ? List.of() : parameters.getRaw().stream().map(Path::of).toList();
    }
}
