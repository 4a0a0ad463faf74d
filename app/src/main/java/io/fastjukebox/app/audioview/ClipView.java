package io.fastjukebox.app.audioview;

import io.fastjukebox.engine.render.ColorMap;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

/**
 * One clip on screen: a header with its name, facts and any error, then the waveform above the
 * mel spectrogram. Both canvases sit in one grid column and draw the same {@link TimeAxis}, so
 * they always share the time axis with each other and with every other clip on that axis.
 * Binds to an {@link AudioViewModel}; builds and draws, nothing else.
 */
public final class ClipView extends VBox {
    private static final double WAVEFORM_SHARE = 38; // percent of the height; the spectrogram gets the rest

    private final AudioViewModel viewModel;
    private final HBox header = new HBox(8);
    private final WaveformView waveformView;
    private final MelView melView;

    public ClipView(AudioViewModel viewModel, TimeAxis axis, ObjectProperty<ColorMap> colorMap) {
        this.viewModel = viewModel;
        this.waveformView = new WaveformView(axis);
        this.melView = new MelView(axis);
        getStyleClass().add("clip-view");
        melView.colorMapProperty().bind(colorMap);
        buildNodes();
    }

    private void buildNodes() {
        Label name = new Label();
        name.setId("fileNameLabel");
        name.setStyle("-fx-font-weight: bold;");
        name.textProperty().bind(viewModel.fileNameProperty());
        Label info = new Label();
        info.setId("infoLabel");
        info.textProperty().bind(viewModel.infoTextProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(16, 16);
        progress.setMaxSize(16, 16);
        progress.visibleProperty().bind(viewModel.loadingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        header.getChildren().addAll(name, progress, info, spacer);
        header.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.setId("errorLabel");
        error.setStyle("-fx-text-fill: #b3261e; -fx-font-weight: bold;");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorMessageProperty());
        error.visibleProperty().bind(viewModel.errorMessageProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        GridPane plots = new GridPane();
        plots.setVgap(4);
        ColumnConstraints column = new ColumnConstraints();
        column.setPercentWidth(100);
        RowConstraints waveformRow = new RowConstraints();
        waveformRow.setPercentHeight(WAVEFORM_SHARE);
        RowConstraints melRow = new RowConstraints();
        melRow.setPercentHeight(100 - WAVEFORM_SHARE);
        plots.getColumnConstraints().add(column);
        plots.getRowConstraints().addAll(waveformRow, melRow);
        plots.add(waveformView, 0, 0);
        plots.add(melView, 0, 1);
        VBox.setVgrow(plots, Priority.ALWAYS);
        setSpacing(4);
        setPadding(new Insets(4, 6, 6, 6));
        getChildren().addAll(header, error, plots);
        waveformView.audioProperty().bind(viewModel.loadedProperty());
        melView.audioProperty().bind(viewModel.loadedProperty());
    }

    /** Adds controls at the right end of the header (e.g. solo and remove buttons). */
    public void addToHeader(Node... nodes) {
        header.getChildren().addAll(nodes);
    }

    public AudioViewModel viewModel() {
        return viewModel;
    }

    public WaveformView waveformView() {
        return waveformView;
    }

    public MelView melView() {
        return melView;
    }
}
