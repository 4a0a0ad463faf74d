package io.fastjukebox.app.distill;

import io.fastjukebox.app.models.ModelChoice;
import io.fastjukebox.app.widgets.ActionButton;
import io.fastjukebox.app.widgets.ErrorDetails;
import io.fastjukebox.app.widgets.FormGrid;
import io.fastjukebox.app.widgets.ReadOnlyConverter;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The Distill screen: the form on the left with each problem under its field, Start / Cancel /
 * Resume under it; on the right the run's phase, step and ETA, its held-out metrics, the loss curve
 * of every term, and tabs with the engine's log and the evaluation against the teacher.
 */
public final class DistillView extends BorderPane {
    private static final String RED = "-fx-text-fill: #b3261e; -fx-font-weight: bold;";
    private final DistillViewModel viewModel;

    public DistillView(DistillViewModel viewModel) {
        this.viewModel = viewModel;
        setId("distillView");
        setPadding(new Insets(10));
        ScrollPane left = new ScrollPane(new VBox(10, form(), actions()));
        left.setFitToWidth(true);
        left.setMinWidth(540);
        left.setPrefWidth(560);
        setLeft(left);
        setCenter(run());
    }

    private FormGrid form() {
        FormGrid g = new FormGrid();
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().setAll(labels, inputs);
        ModelChoice teacher = new ModelChoice("teacherChoice", viewModel.teacherOptions(), viewModel.teacherProperty(),
                "no prior in the library");
        teacher.setPrefWidth(340);
        field(g, "Teacher", teacher, DistillField.TEACHER);
        ComboBox<Integer> layers = new ComboBox<>(viewModel.layerOptions());
        layers.setId("layersChoice");
        layers.setPromptText("no valid size");
        layers.valueProperty().bindBidirectional(viewModel.layersProperty());
        field(g, "Student layers", layers, DistillField.LAYERS);
        TextField width = FormGrid.text("studentWidth", viewModel.widthProperty(), 80);
        width.setPromptText("teacher's");
        field(g, "Student width (optional)", width, DistillField.WIDTH);
        ComboBox<StudentMode> mode = new ComboBox<>(FXCollections.observableArrayList(StudentMode.values()));
        mode.setId("modeChoice");
        mode.setConverter(new ReadOnlyConverter<>(StudentMode::label));
        mode.valueProperty().bindBidirectional(viewModel.modeProperty());
        g.field("Mode", mode);
        TextField data = FormGrid.text("distillData", viewModel.dataProperty(), 200);
        data.setPromptText("codes .npz or audio folder");
        Button codes = new ActionButton("chooseCodes", "Codes…", this::chooseCodes);
        Button folder = new ActionButton("chooseAudio", "Folder…", this::chooseFolder);
        codes.setMinWidth(Region.USE_PREF_SIZE);
        folder.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(data, Priority.ALWAYS);
        field(g, "Data", new HBox(4, data, codes, folder), DistillField.DATA);
        ModelChoice vqvae = new ModelChoice("distillVqvae", viewModel.vqvaeOptions(), viewModel.vqvaeProperty(),
                "no VQ-VAE in the library");
        vqvae.setPrefWidth(340);
        field(g, "VQ-VAE (audio folders)", vqvae, DistillField.VQVAE);
        HBox epochs = new HBox(4, FormGrid.text("epochs1", viewModel.phase1EpochsProperty(), 60), new Label("+"),
                FormGrid.text("epochs2", viewModel.phase2EpochsProperty(), 60));
        epochs.setAlignment(Pos.CENTER_LEFT);
        field(g, "Epochs (phase 1 + phase 2)", epochs, DistillField.EPOCHS);
        TextField steps = FormGrid.text("stepsPerEpoch", viewModel.stepsPerEpochProperty(), 80);
        steps.setTooltip(new Tooltip("0: as many steps as the data has windows per batch"));
        field(g, "Steps per epoch (0 = auto)", steps, DistillField.STEPS_PER_EPOCH);
        field(g, "Batch size (windows)", FormGrid.text("batchSize", viewModel.batchProperty(), 80), DistillField.BATCH);
        field(g, "Seed", FormGrid.text("distillSeed", viewModel.seedProperty(), 120), DistillField.SEED);
        field(g, "Held-out check every (steps)", FormGrid.text("validateEvery", viewModel.validateEveryProperty(), 80),
                DistillField.VALIDATE_EVERY);
        return g;
    }

    private void field(FormGrid g, String label, Node input, DistillField field) {
        g.field(label, input, "distillError" + field.name(), viewModel.errorProperty(field));
    }

    private VBox actions() {
        Button start = new ActionButton("startDistill", "Start", viewModel::start);
        start.setDefaultButton(true);
        Button cancel = new ActionButton("cancelDistill", "Cancel", viewModel::cancel);
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        Button resume = new ActionButton("resumeDistill", "Resume", viewModel::resume);
        resume.disableProperty().bind(viewModel.resumableProperty().not());
        var job = viewModel.currentJobProperty();
        Button details = new ActionButton("distillErrorDetails", "Details…", () -> ErrorDetails.show("The run failed",
                job.get().messageProperty().get(), job.get().errorDetailsProperty().get()));
        details.visibleProperty().bind(viewModel.resumableProperty().and(Bindings.createBooleanBinding(
                () -> job.get() != null && !job.get().errorDetailsProperty().get().isEmpty(), viewModel.resumableProperty())));
        Label general = label("distillGeneralError", viewModel.generalErrorProperty());
        general.setStyle(RED);
        Label status = label("distillStatus", viewModel.statusProperty());
        HBox buttons = new HBox(8, start, cancel, resume, details);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, buttons, general, status);
    }

    private VBox run() {
        DistillProgress p = viewModel.progress();
        Label phase = label("distillPhase", p.phaseProperty());
        phase.setStyle("-fx-font-weight: bold;");
        ProgressBar bar = new ProgressBar();
        bar.setId("distillProgress");
        bar.setPrefWidth(260);
        bar.progressProperty().bind(p.fractionProperty());
        HBox position = new HBox(8, bar, label("distillPosition", p.positionProperty()));
        position.setAlignment(Pos.CENTER_LEFT);
        LossChartView chart = new LossChartView(p.curves());
        VBox.setVgrow(chart, Priority.ALWAYS);
        CheckBox logScale = new CheckBox("Logarithmic loss axis (terms of very different sizes)");
        logScale.setId("lossLogScale");
        logScale.selectedProperty().bindBidirectional(chart.logScaleProperty());
        TextArea log = area("distillLog", p.logProperty(), true);
        TabPane tabs = new TabPane(new Tab("Run log", log), new Tab("Evaluation", new StudentEvalView(viewModel.evaluation())));
        tabs.setId("distillTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefHeight(260);
        viewModel.evaluation().studentProperty().addListener((o, was, now) -> tabs.getSelectionModel().select(1));
        VBox box = new VBox(6, phase, position, label("heldOut", p.heldOutProperty()), chart, logScale, tabs);
        box.setPadding(new Insets(0, 0, 0, 12));
        return box;
    }

    static Label label(String id, javafx.beans.value.ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE); // wraps rather than being cut short when space is tight
        l.textProperty().bind(text);
        return l;
    }

    /** A read-only monospace text; {@code follow} keeps its end in view as lines are added (a log). */
    static TextArea area(String id, javafx.beans.value.ObservableStringValue text, boolean follow) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setEditable(false);
        a.setStyle("-fx-font-family: monospace;");
        a.textProperty().bind(text);
        if (follow) {
            a.textProperty().addListener((o, was, now) -> a.setScrollTop(Double.MAX_VALUE));
        }
        return a;
    }

    private void chooseCodes() {
        chooseCodes(this, "Choose the training codes", viewModel.dataProperty());
    }

    /** Asks for a codes file and puts its path into {@code target}, unless the user cancels. */
    static void chooseCodes(Node owner, String title, StringProperty target) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Codes (from 'fastjukebox encode')", "*.npz"));
        File chosen = chooser.showOpenDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        if (chosen != null) {
            target.set(chosen.getAbsolutePath());
        }
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose a folder of training audio");
        File chosen = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            viewModel.dataProperty().set(chosen.getAbsolutePath());
        }
    }
}
