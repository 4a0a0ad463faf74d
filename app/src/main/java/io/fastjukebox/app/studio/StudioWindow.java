package io.fastjukebox.app.studio;

import io.fastjukebox.app.candidates.CandidatesView;
import io.fastjukebox.app.compare.CompareView;
import io.fastjukebox.app.distill.DistillView;
import io.fastjukebox.app.generate.GenerateView;
import io.fastjukebox.app.history.HistoryView;
import io.fastjukebox.app.jobs.QueuedJob;
import io.fastjukebox.app.models.ModelsView;
import io.fastjukebox.app.playback.PlaybackView;
import java.util.EnumMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Control;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The main window's content, built the same way for the real window and for screenshots: one tab
 * per {@link Screen}, the transport bar and a one-line summary of the engine queue.
 */
final class StudioWindow {
    static final String TITLE = "Fast Jukebox Studio";
    static final double MIN_WIDTH = 900;
    static final double MIN_HEIGHT = 600;

    private final AppContext context;
    private final TabPane tabs = new TabPane();
    private final Map<Screen, Tab> byScreen = new EnumMap<>(Screen.class);
    private final BorderPane root = new BorderPane();

    /** Builds the content; call on the FX thread. */
    StudioWindow(AppContext context) {
        this.context = context;
        tabs.setId("screens");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        add(Screen.MODELS, new ModelsView(context.models(), context.device()));
        add(Screen.GENERATE, new GenerateView(context.generate()));
        add(Screen.CANDIDATES, new CandidatesView(context.candidates(), () -> show(Screen.COMPARE)));
        add(Screen.COMPARE, new CompareView(context.compare()));
        add(Screen.DISTILL, new DistillView(context.distill()));
        add(Screen.HISTORY, new HistoryView(context.history(), () -> show(Screen.CANDIDATES), () -> show(Screen.COMPARE),
                () -> show(Screen.DISTILL)));
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now == byScreen.get(Screen.HISTORY)) {
                context.history().refresh();
            }
        });
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            // Space plays and pauses, as in audio editors, unless a control (a field, a button) has the focus.
            if (e.getCode() == KeyCode.SPACE && !(e.getTarget() instanceof Control)
                    && context.playback().canPlayProperty().get()) {
                context.playback().toggle();
                e.consume();
            }
        });
        root.setCenter(tabs);
        root.setBottom(new VBox(new PlaybackView(context.playback()), queueLine()));
        show(Screen.GENERATE);
    }

    private void add(Screen screen, Node content) {
        Tab tab = new Tab(screen.title(), content);
        tab.setId("tab-" + screen.id());
        byScreen.put(screen, tab);
        tabs.getTabs().add(tab);
    }

    private Label queueLine() {
        Label line = new Label();
        line.setId("queueLine");
        line.setPadding(new Insets(2, 10, 4, 10));
        Runnable update = () -> line.setText(summary());
        context.queue().jobs().addListener((ListChangeListener<QueuedJob>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(j -> j.stateProperty().addListener(o -> update.run()));
            }
            update.run();
        });
        update.run();
        return line;
    }

    private String summary() {
        var jobs = context.queue().jobs();
        QueuedJob running = jobs.stream().filter(j -> j.state() == QueuedJob.State.RUNNING).findFirst().orElse(null);
        long waiting = jobs.stream().filter(j -> j.state() == QueuedJob.State.WAITING).count();
        String head = running == null ? "Engine idle" : "Running: " + running.title();
        return head + (waiting > 0 ? " · " + waiting + " waiting" : "") + " · workspace " + context.workspace().root();
    }

    /** Brings {@code screen} to the front. */
    void show(Screen screen) {
        tabs.getSelectionModel().select(byScreen.get(screen));
    }

    Parent root() {
        return root;
    }

    AppContext context() {
        return context;
    }
}
