package io.fastjukebox.app.audioview;

import java.io.File;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * One audio file on screen: a toolbar to open it, its facts, any error, and the waveform above the
 * mel spectrogram on one shared time axis (both canvases sit in one grid column, so they always
 * have the same width). Binds to an {@link AudioViewModel}; builds and draws, nothing else.
 */
public final class AudioView extends BorderPane {
    private static final double WAVEFORM_SHARE = 38; // percent of the height; the spectrogram gets the rest

    private final AudioViewModel viewModel;
    private final Button openButton = new Button("Open audio…");
    private final Label fileNameLabel = new Label();
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label loadingLabel = new Label("Loading…");
    private final Label infoLabel = new Label();
    private final Label errorLabel = new Label();
    private final WaveformView waveformView = new WaveformView();
    private final MelView melView = new MelView();

    public AudioView(AudioViewModel viewModel) {
        this.viewModel = viewModel;
        buildNodes();
        bind();
    }

    private void buildNodes() {
        openButton.setId("openButton");
        openButton.setOnAction(e -> chooseAndLoad());
        fileNameLabel.setId("fileNameLabel");
        fileNameLabel.setStyle("-fx-font-weight: bold;");
        progress.setId("loadingIndicator");
        progress.setPrefSize(18, 18);
        progress.setMaxSize(18, 18);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar toolBar = new ToolBar(openButton, new Separator(), fileNameLabel, spacer, progress, loadingLabel);

        infoLabel.setId("infoLabel");
        errorLabel.setId("errorLabel");
        errorLabel.setStyle("-fx-text-fill: #b3261e; -fx-font-weight: bold;");
        errorLabel.setWrapText(true);
        VBox facts = new VBox(4, infoLabel, errorLabel);
        facts.setPadding(new Insets(6, 10, 6, 10));
        setTop(new VBox(toolBar, facts));

        GridPane plots = new GridPane();
        plots.setId("plots");
        plots.setVgap(6);
        plots.setPadding(new Insets(0, 8, 8, 8));
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
        setCenter(plots);
    }

    private void bind() {
        fileNameLabel.textProperty().bind(viewModel.fileNameProperty());
        infoLabel.textProperty().bind(viewModel.infoTextProperty());
        errorLabel.textProperty().bind(viewModel.errorMessageProperty());
        errorLabel.visibleProperty().bind(viewModel.errorMessageProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        progress.visibleProperty().bind(viewModel.loadingProperty());
        loadingLabel.visibleProperty().bind(viewModel.loadingProperty());
        waveformView.audioProperty().bind(viewModel.loadedProperty());
        melView.audioProperty().bind(viewModel.loadedProperty());
    }

    private void chooseAndLoad() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open audio");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Audio files (WAV, FLAC, Ogg Vorbis, MP3)",
                        "*.wav", "*.flac", "*.ogg", "*.mp3", "*.WAV", "*.FLAC", "*.OGG", "*.MP3"),
                new FileChooser.ExtensionFilter("All files", "*"));
        viewModel.currentDirectory().ifPresent(dir -> chooser.setInitialDirectory(dir.toFile()));
        File chosen = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            viewModel.load(chosen.toPath());
        }
    }
}
