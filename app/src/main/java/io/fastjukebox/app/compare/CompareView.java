package io.fastjukebox.app.compare;

import io.fastjukebox.app.audioview.AudioViewModel;
import io.fastjukebox.app.audioview.ClipView;
import io.fastjukebox.app.audioview.TimeAxis;
import io.fastjukebox.app.widgets.ActionButton;
import io.fastjukebox.app.widgets.ExportChooser;
import io.fastjukebox.engine.render.ColorMap;
import java.io.File;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Compare screen: a toolbar (add, colour map, zoom, export), the clips stacked on one time
 * axis, and one scroll bar for all of them. Click a pane to solo it and move the playhead there;
 * the mouse wheel zooms around the pointer, shift + wheel scrolls.
 */
public final class CompareView extends BorderPane {
    private static final double ZOOM_STEP = 0.5;
    private static final double MIN_PANE_HEIGHT = 220;
    private static final String SOLO_STYLE = "-fx-border-color: #ffd60a; -fx-border-width: 3;";
    private static final String PLAIN_STYLE = "-fx-border-color: transparent; -fx-border-width: 3;";

    private final CompareViewModel viewModel;
    private final VBox panes = new VBox(6);
    private final ScrollBar scroll = new ScrollBar();

    public CompareView(CompareViewModel viewModel) {
        this.viewModel = viewModel;
        setId("compareView");
        setTop(toolbar());
        ScrollPane scroller = new ScrollPane(panes);
        scroller.setFitToWidth(true);
        scroller.setFitToHeight(true);
        panes.setPadding(new Insets(4));
        setCenter(scroller);
        Label hint = new Label("Add two or more clips to compare them on one time axis.");
        hint.setId("compareHint");
        hint.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.clips()));
        hint.managedProperty().bind(hint.visibleProperty());
        Label message = new Label();
        message.setId("compareMessage");
        message.textProperty().bind(viewModel.messageProperty());
        scroll.setId("timeScroll");
        scroll.setOrientation(Orientation.HORIZONTAL);
        setBottom(new VBox(2, scroll, hint, message));
        bindScrollBar();
        viewModel.clips().addListener((ListChangeListener<AudioViewModel>) c -> rebuildPanes());
        viewModel.soloedProperty().addListener(o -> restyle());
        rebuildPanes();
    }

    private ToolBar toolbar() {
        Button add = new Button("Add audio…");
        add.setId("openButton");
        add.setOnAction(e -> chooseAndAdd());
        ChoiceBox<ColorMap> colours = new ChoiceBox<>();
        colours.setId("colorMapChoice");
        colours.getItems().setAll(ColorMap.values());
        colours.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ColorMap m) {
                return m == null ? "" : m.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public ColorMap fromString(String s) {
                return ColorMap.parse(s);
            }
        });
        colours.valueProperty().bindBidirectional(viewModel.colorMapProperty());
        TimeAxis axis = viewModel.axis();
        Button zoomIn = new ActionButton("zoomIn", "Zoom in", () -> axis.zoom(ZOOM_STEP, playheadOrCentre()));
        Button zoomOut = new ActionButton("zoomOut", "Zoom out", () -> axis.zoom(1 / ZOOM_STEP, playheadOrCentre()));
        Button fit = new ActionButton("zoomFit", "Show all", axis::fit);
        Button export = new ActionButton("exportSoloed", "Export soloed…",
                () -> ExportChooser.ask(this, "Export the soloed clip").ifPresent(viewModel::exportSoloed));
        export.disableProperty().bind(viewModel.soloedProperty().isNull());
        Button clear = new ActionButton("clearClips", "Remove all", viewModel::clear);
        Region spacer = new Region();
        javafx.scene.layout.HBox.setHgrow(spacer, Priority.ALWAYS);
        Label help = new Label("click a pane: solo + playhead · wheel: zoom · shift+wheel: scroll");
        return new ToolBar(add, clear, new Separator(), new Label("Colours"), colours, new Separator(), zoomIn, zoomOut, fit,
                new Separator(), export, spacer, help);
    }


    private double playheadOrCentre() {
        TimeAxis axis = viewModel.axis();
        double p = axis.playheadProperty().get();
        TimeAxis.Range r = axis.visible();
        return p >= r.start() && p <= r.end() ? p : (r.start() + r.end()) / 2;
    }

    private void bindScrollBar() {
        TimeAxis axis = viewModel.axis();
        Runnable sync = () -> {
            TimeAxis.Range r = axis.visible();
            double max = Math.max(0, axis.duration() - r.span());
            scroll.setMax(max);
            scroll.setVisibleAmount(Math.max(r.span(), max / 50));
            scroll.setBlockIncrement(r.span() * 0.9);
            scroll.setUnitIncrement(r.span() * 0.1);
            scroll.setValue(Math.min(max, r.start()));
        };
        axis.visibleProperty().addListener(o -> sync.run());
        axis.durationProperty().addListener(o -> sync.run());
        scroll.valueProperty().addListener((o, was, now) -> {
            if (Math.abs(now.doubleValue() - axis.visible().start()) > 1e-9) {
                axis.scrollTo(now.doubleValue());
            }
        });
        sync.run();
    }

    private void rebuildPanes() {
        panes.getChildren().clear();
        for (AudioViewModel clip : viewModel.clips()) {
            ClipView view = new ClipView(clip, viewModel.axis(), viewModel.colorMapProperty());
            view.setMinHeight(MIN_PANE_HEIGHT);
            VBox.setVgrow(view, Priority.ALWAYS);
            Label solo = new Label("SOLO");
            solo.setStyle("-fx-background-color: #ffd60a; -fx-padding: 1 6 1 6; -fx-font-weight: bold;");
            solo.visibleProperty().bind(viewModel.soloedProperty().isEqualTo(clip));
            Button remove = new Button("✕");
            remove.setOnAction(e -> viewModel.remove(clip));
            view.addToHeader(solo, remove);
            for (Node canvas : List.of(view.waveformView(), view.melView())) {
                canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> viewModel.solo(clip,
                        viewModel.axis().toSeconds(e.getX(), canvas.getLayoutBounds().getWidth())));
                canvas.addEventHandler(ScrollEvent.SCROLL, e -> wheel(e, canvas));
            }
            panes.getChildren().add(view);
        }
        restyle();
    }

    private void wheel(ScrollEvent e, Node canvas) {
        TimeAxis axis = viewModel.axis();
        double width = canvas.getLayoutBounds().getWidth();
        double delta = e.isShiftDown() ? (e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY()) : e.getDeltaY();
        if (e.isShiftDown()) {
            axis.scrollTo(axis.visible().start() - delta / width * axis.visible().span());
        } else if (delta != 0) {
            axis.zoom(delta > 0 ? 0.8 : 1.25, axis.toSeconds(e.getX(), width));
        }
        e.consume();
    }

    private void restyle() {
        for (Node n : panes.getChildren()) {
            ClipView v = (ClipView) n;
            v.setStyle(v.viewModel() == viewModel.soloedProperty().get() ? SOLO_STYLE : PLAIN_STYLE);
        }
    }

    private void chooseAndAdd() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Add audio to compare");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Audio files (WAV, FLAC, Ogg Vorbis, MP3)",
                        "*.wav", "*.flac", "*.ogg", "*.mp3", "*.WAV", "*.FLAC", "*.OGG", "*.MP3"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> chosen = chooser.showOpenMultipleDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            chosen.forEach(f -> viewModel.add(f.toPath()));
        }
    }

}
