package io.fastjukebox.app.history;

import io.fastjukebox.app.distill.DistillRunItem;
import io.fastjukebox.app.widgets.ActionButton;
import io.fastjukebox.app.widgets.TextColumn;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The History screen: a table of the workspace's jobs and one of its distillation runs, the selected
 * one's full record, and what to do with it.
 */
public final class HistoryView extends BorderPane {
    private final HistoryViewModel viewModel;
    private final TableView<HistoryItem> table;

    /**
     * @param showCandidates switches the window to the Candidates screen
     * @param showCompare switches the window to the Compare screen
     * @param showDistill switches the window to the Distill screen
     */
    public HistoryView(HistoryViewModel viewModel, Runnable showCandidates, Runnable showCompare, Runnable showDistill) {
        this.viewModel = viewModel;
        setId("historyView");
        setPadding(new Insets(10));
        table = new TableView<>(viewModel.items());
        table.setId("historyTable");
        table.setPlaceholder(new Label("No jobs in this workspace yet."));
        table.getColumns().add(new TextColumn<>("Job", 210, HistoryItem::name));
        table.getColumns().add(new TextColumn<>("Status", 90, HistoryItem::status));
        table.getColumns().add(new TextColumn<>("Length × candidates · seed · mode", 250, HistoryItem::settingsText));
        table.getColumns().add(new TextColumn<>("Priors (top / middle / bottom)", 260, HistoryItem::modelsText));
        table.getColumns().add(new TextColumn<>("Speed", 300, HistoryItem::timingsText));
        table.getColumns().add(new TextColumn<>("Outputs", 300, HistoryItem::outputsText));
        TableView<DistillRunItem> runs = new TableView<>(viewModel.runs());
        runs.setId("distillRunsTable");
        runs.setPlaceholder(new Label("No distillation runs in this workspace yet (Distill screen)."));
        runs.getColumns().add(new TextColumn<>("Distillation run (student)", 300, DistillRunItem::name));
        runs.getColumns().add(new TextColumn<>("Status", 190, DistillRunItem::status));
        runs.getColumns().add(new TextColumn<>("Teacher → student, mode, epochs, seed", 420, DistillRunItem::settingsText));
        runs.getColumns().add(new TextColumn<>("Held-out (last)", 480, DistillRunItem::heldOut));
        TextArea details = new TextArea("Select a job or a run to see its settings, models, timings and outputs.");
        details.setId("historyDetails");
        details.setEditable(false);
        details.setStyle("-fx-font-family: monospace;");
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                runs.getSelectionModel().clearSelection();
                details.setText(now.details());
            }
        });
        runs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                table.getSelectionModel().clearSelection();
                details.setText(now.details());
            }
        });
        SplitPane split = new SplitPane(table, runs, details);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.45, 0.7);
        setCenter(split);

        var selected = table.getSelectionModel().selectedItemProperty();
        Button candidates = new ActionButton("historyCandidates", "Show on Candidates", () -> {
            viewModel.openInCandidates(selected.get());
            showCandidates.run();
        });
        Button compare = new ActionButton("historyCompare", "Compare outputs", () -> {
            if (viewModel.compareOutputs(selected.get())) {
                showCompare.run();
            }
        });
        Button resume = new ActionButton("historyResume", "Resume", () -> viewModel.resume(selected.get()));
        for (Button b : new Button[] {candidates, compare, resume}) {
            b.disableProperty().bind(selected.isNull());
        }
        var run = runs.getSelectionModel().selectedItemProperty();
        Button resumeRun = new ActionButton("historyResumeRun", "Resume distillation", () -> {
            if (viewModel.resume(run.get())) {
                showDistill.run();
            }
        });
        resumeRun.disableProperty().bind(Bindings.createBooleanBinding(() -> run.get() == null || !run.get().resumable(), run));
        Button refresh = new ActionButton("historyRefresh", "Refresh", viewModel::refresh);
        Label message = new Label();
        message.setId("historyMessage");
        message.textProperty().bind(viewModel.messageProperty());
        VBox bottom = new VBox(4, new HBox(8, candidates, compare, resume, resumeRun, refresh), message);
        bottom.setPadding(new Insets(8, 0, 0, 0));
        setBottom(bottom);
    }


}
