package io.fastjukebox.app.generate;

import io.fastjukebox.app.audioview.WaveformView;
import io.fastjukebox.app.jobs.LevelProgress;
import io.fastjukebox.app.jobs.QueuedJob;
import io.fastjukebox.app.widgets.ErrorDetails;
import io.fastjukebox.app.widgets.FormGrid;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Generate screen: the form on the left with each problem under its field, the prompt trim
 * and the running job's per-level progress on the right, Start and Cancel at the bottom.
 */
public final class GenerateView extends BorderPane {
    private final GenerateViewModel viewModel;
    private final VBox progressBox = new VBox(6);
    private final Button cancel = new Button("Cancel");

    public GenerateView(GenerateViewModel viewModel) {
        this.viewModel = viewModel;
        setId("generateView");
        setPadding(new Insets(10));
        Label models = new Label();
        models.setId("modelsSummary");
        models.setStyle("-fx-font-weight: bold;");
        models.textProperty().bind(viewModel.modelsSummaryProperty());
        models.setPadding(new Insets(0, 0, 8, 0));
        setTop(models);
        setLeft(form());
        VBox right = new VBox(12, primeBox(), progressBox);
        right.setPadding(new Insets(0, 0, 0, 16));
        setCenter(right);
        setBottom(actions());
        viewModel.currentJobProperty().addListener((o, was, job) -> showJob(job));
        showJob(viewModel.currentJobProperty().get());
    }

    private FormGrid form() {
        FormGrid g = new FormGrid();
        field(g, "Duration (s)", FormGrid.text("seconds", viewModel.secondsProperty(), 80), FormField.DURATION);
        field(g, "Candidates", FormGrid.text("candidates", viewModel.candidatesProperty(), 80), FormField.CANDIDATES);
        Button dice = new Button("Roll dice");
        dice.setId("rollSeed");
        dice.setTooltip(new Tooltip("New random seed (the seed is always recorded in the job)"));
        dice.setOnAction(e -> viewModel.rollSeed());
        field(g, "Seed", new HBox(4, FormGrid.text("seed", viewModel.seedProperty(), 160), dice), FormField.SEED);
        field(g, "Temperature (top, middle, bottom)", perLevel("temperature", true), FormField.TEMPERATURE);
        HBox sampling = new HBox(4, new Label("top-k"), FormGrid.text("topK", viewModel.topKProperty(), 60),
                new Label("top-p"), FormGrid.text("topP", viewModel.topPProperty(), 60));
        sampling.setAlignment(Pos.CENTER_LEFT);
        field(g, "Filter (0 = off)", sampling, FormField.SAMPLING);
        field(g, "Hop fraction (top, middle, bottom)", perLevel("hop", false), FormField.HOP);
        Button browse = new Button("Choose…");
        browse.setId("choosePrime");
        browse.setOnAction(e -> choosePrime());
        TextField primeField = FormGrid.text("primeFile", viewModel.primeFileProperty(), 220);
        primeField.setPromptText("none: generate from scratch");
        primeField.setOnAction(e -> viewModel.loadPrime());
        primeField.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                viewModel.loadPrime();
            }
        });
        field(g, "Prompt audio (optional)", new HBox(4, primeField, browse), FormField.PRIME);
        field(g, "Prompt length (s)", FormGrid.text("primeSeconds", viewModel.primeSecondsProperty(), 80),
                FormField.PRIME_SECONDS);
        CheckBox all = new CheckBox("Upsample every candidate right away (else pick on Candidates)");
        all.setId("upsampleAll");
        all.selectedProperty().bindBidirectional(viewModel.upsampleAllProperty());
        g.wide(all);
        g.setMinWidth(470);
        return g;
    }

    private HBox perLevel(String id, boolean temperature) {
        HBox box = new HBox(4);
        for (int level = 2; level >= 0; level--) {
            String suffix = new String[] {"Bottom", "Middle", "Top"}[level];
            box.getChildren().add(FormGrid.text(id + suffix, temperature ? viewModel.temperatureProperty(level)
                    : viewModel.hopProperty(level), 60));
        }
        return box;
    }

    private void field(FormGrid g, String label, javafx.scene.Node input, FormField field) {
        g.field(label, input, "error" + field.name(), viewModel.errorProperty(field));
    }

    private VBox primeBox() {
        WaveformView waveform = new WaveformView(viewModel.primeAxis());
        waveform.setId("primeWaveform");
        waveform.setHint("Choose a prompt file to see it here; drag to set how much of it the model continues from.");
        waveform.audioProperty().bind(viewModel.primeAudio().loadedProperty());
        waveform.markerProperty().bind(Bindings.createDoubleBinding(() -> parse(viewModel.primeSecondsProperty().get()),
                viewModel.primeSecondsProperty()));
        waveform.setHeight(120);
        waveform.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> trim(waveform, e));
        waveform.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> trim(waveform, e));
        Label error = new Label();
        error.textProperty().bind(viewModel.primeAudio().errorMessageProperty());
        error.setStyle("-fx-text-fill: #b3261e;");
        Label title = new Label("Prompt (shaded: the part kept)");
        title.setStyle("-fx-font-weight: bold;");
        VBox box = new VBox(4, title, waveform, error);
        box.setPrefHeight(170);
        VBox.setVgrow(waveform, Priority.ALWAYS);
        return box;
    }

    private void trim(WaveformView waveform, MouseEvent e) {
        if (viewModel.primeAudio().loadedProperty().get() != null) {
            viewModel.setPrimeSeconds(viewModel.primeAxis().toSeconds(e.getX(), waveform.getWidth()));
        }
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private VBox actions() {
        Button start = new Button("Start");
        start.setId("startButton");
        start.setDefaultButton(true);
        start.setOnAction(e -> viewModel.start());
        cancel.setId("cancelButton");
        cancel.setOnAction(e -> viewModel.cancel());
        Label general = new Label();
        general.setId("generalError");
        general.setStyle("-fx-text-fill: #b3261e; -fx-font-weight: bold;");
        general.textProperty().bind(viewModel.generalErrorProperty());
        HBox buttons = new HBox(8, start, cancel, general);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(buttons);
        box.setPadding(new Insets(10, 0, 0, 0));
        return box;
    }

    private void showJob(QueuedJob job) {
        progressBox.getChildren().clear();
        Label title = new Label(job == null ? "No generation started yet" : job.title() + " → " + job.jobDir());
        title.setId("jobTitle");
        title.setStyle("-fx-font-weight: bold;");
        title.setWrapText(true);
        progressBox.getChildren().add(title);
        cancel.disableProperty().unbind();
        if (job == null) {
            cancel.setDisable(true);
            return;
        }
        cancel.disableProperty().bind(Bindings.createBooleanBinding(() -> job.state().isDone(), job.stateProperty()));
        for (LevelProgress level : job.levels()) {
            Label name = new Label(level.name());
            name.setMinWidth(60);
            ProgressBar bar = new ProgressBar();
            bar.setId("progress-" + level.name());
            bar.setPrefWidth(360);
            bar.progressProperty().bind(level.fractionProperty());
            Label detail = new Label();
            detail.setId("detail-" + level.name());
            detail.textProperty().bind(level.detailProperty());
            HBox row = new HBox(8, name, bar, detail);
            row.setAlignment(Pos.CENTER_LEFT);
            progressBox.getChildren().add(row);
        }
        Label status = new Label();
        status.setId("jobStatus");
        status.setWrapText(true);
        status.textProperty().bind(Bindings.concat(job.stateProperty(), ": ", job.messageProperty()));
        Button details = new Button("Details…");
        details.setId("errorDetails");
        details.visibleProperty().bind(job.errorDetailsProperty().isNotEmpty());
        details.setOnAction(e -> ErrorDetails.show("The job failed", job.messageProperty().get(),
                job.errorDetailsProperty().get()));
        HBox statusRow = new HBox(8, status, details);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        progressBox.getChildren().add(statusRow);
    }


    private void choosePrime() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose the prompt audio");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Audio files", "*.wav", "*.flac", "*.ogg", "*.mp3"));
        File chosen = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            viewModel.primeFileProperty().set(chosen.getAbsolutePath());
            viewModel.loadPrime();
        }
    }
}
