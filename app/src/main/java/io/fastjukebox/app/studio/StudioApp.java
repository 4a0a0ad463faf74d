package io.fastjukebox.app.studio;

import io.fastjukebox.app.audioview.AudioViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The studio's main window. Start it through {@link StudioLauncher#launch}; the first raw
 * application parameter, if any, is the audio file to open.
 */
public final class StudioApp extends Application {
    private AppContext context;
    private StudioWindow window;

    @Override
    public void start(Stage stage) {
        context = AppContext.create();
        window = new StudioWindow(context);
        stage.setTitle(StudioWindow.TITLE);
        stage.setMinWidth(StudioWindow.MIN_WIDTH);
        stage.setMinHeight(StudioWindow.MIN_HEIGHT);
        stage.setScene(new Scene(window.root(), 1280, 800));
        stage.show();
        fileToOpen().ifPresent(window.audioViewModel()::load);
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }

    /** The window's audio ViewModel (for tests in this package). */
    AudioViewModel audioViewModel() {
        return window.audioViewModel();
    }

    private Optional<Path> fileToOpen() {
        Parameters parameters = getParameters(); // null when started by a test harness, not launch()
        List<String> raw = parameters == null ? List.of() : parameters.getRaw();
        return raw.isEmpty() ? Optional.empty() : Optional.of(Path.of(raw.get(0)));
    }
}
