package io.fastjukebox.app.models;

import java.io.File;
import java.nio.file.Path;
import io.fastjukebox.app.widgets.ReadOnlyConverter;
import io.fastjukebox.app.widgets.TextColumn;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The Models screen: the chosen model set on top, the library below, the device at the bottom. */
public final class ModelsView extends BorderPane {
    private static final String[] LEVEL_LABELS = {"Bottom upsampler (level 0)", "Middle upsampler (level 1)",
        "Top prior (level 2)"};
    private static final String NONE = "no compatible model";
    private final ModelsViewModel viewModel;

    public ModelsView(ModelsViewModel viewModel, DeviceViewModel device) {
        this.viewModel = viewModel;
        setId("modelsView");
        setPadding(new Insets(10));
        setTop(chooser());
        setCenter(library());
        setBottom(deviceBox(device));
    }

    private VBox chooser() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("VQ-VAE"), new ModelChoice("vqvaeChoice", viewModel.vqvaeOptions(), viewModel.vqvaeProperty(), NONE));
        for (int level = 2; level >= 0; level--) {
            grid.addRow(3 - level, new Label(LEVEL_LABELS[level]),
                    new ModelChoice("priorChoice" + level, viewModel.priorOptions(level), viewModel.priorProperty(level), NONE));
        }
        TextField setName = new TextField();
        setName.setId("setName");
        setName.setPromptText("name of the set");
        Button save = new Button("Save set");
        save.setId("saveSet");
        save.setOnAction(e -> viewModel.saveSet(setName.getText()));
        ComboBox<Path> sets = new ComboBox<>(viewModel.savedSets());
        sets.setId("savedSets");
        sets.setPromptText("saved sets");
        sets.setConverter(new ReadOnlyConverter<>(p -> p.getFileName().toString()));
        Button load = new Button("Load set");
        load.setId("loadSet");
        load.disableProperty().bind(sets.valueProperty().isNull());
        load.setOnAction(e -> viewModel.loadSet(sets.getValue()));
        Button rescan = new Button("Rescan");
        rescan.setId("rescan");
        rescan.disableProperty().bind(viewModel.scanningProperty());
        rescan.setOnAction(e -> viewModel.scan());
        Button importButton = new Button("Import model…");
        importButton.setId("importModel");
        importButton.setOnAction(e -> chooseImport());
        HBox actions = new HBox(8, setName, save, sets, load, rescan, importButton);
        Label error = errorLabel();
        Label title = new Label("Model set used by Generate");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 14px;");
        VBox top = new VBox(8, title, grid, actions, error);
        top.setPadding(new Insets(0, 0, 10, 0));
        return top;
    }

    private Label errorLabel() {
        Label error = new Label();
        error.setId("modelsError");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b3261e; -fx-font-weight: bold;");
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    private VBox library() {
        TableView<ModelEntry> table = new TableView<>(viewModel.entries());
        table.setId("libraryTable");
        table.getColumns().add(new TextColumn<>("Model", 150, ModelEntry::name));
        table.getColumns().add(new TextColumn<>("Kind", 130, ModelEntry::kind));
        table.getColumns().add(new TextColumn<>("Layers", 55, e -> Integer.toString(e.layers())));
        table.getColumns().add(new TextColumn<>("Width", 55, e -> Integer.toString(e.width())));
        table.getColumns().add(new TextColumn<>("Parameters", 95, ModelEntry::parametersText));
        table.getColumns().add(new TextColumn<>("Provenance", 340, ModelEntry::provenanceText));
        table.getColumns().add(new TextColumn<>("Measured speed", 395, ModelEntry::speedText));
        table.getColumns().add(new TextColumn<>("Location", 135, ModelEntry::locationText));
        table.setPlaceholder(new Label("No model bundles (.fjb) found yet. Use Import… or train one with the CLI."));
        VBox.setVgrow(table, Priority.ALWAYS);
        Label status = new Label();
        status.setId("libraryStatus");
        status.setWrapText(true);
        status.textProperty().bind(viewModel.statusProperty());
        Label title = new Label("Model library");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 14px;");
        return new VBox(6, title, table, status);
    }


    private static VBox deviceBox(DeviceViewModel viewModel) {
        Label device = new Label();
        device.setId("deviceLabel");
        device.textProperty().bind(viewModel.deviceProperty());
        device.setStyle("-fx-font-weight: bold;");
        Label advice = new Label();
        advice.setId("deviceAdvice");
        advice.setWrapText(true);
        advice.textProperty().bind(viewModel.adviceProperty());
        VBox box = new VBox(4, device, advice);
        box.setPadding(new Insets(10, 0, 0, 0));
        return box;
    }

    private void chooseImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a model bundle");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Fast Jukebox model bundles", "*.fjb"));
        File chosen = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            viewModel.importModel(chosen.toPath());
        }
    }
}
