package io.fastjukebox.app.jobs;

import io.fastjukebox.app.widgets.ErrorDetails;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The engine queue as a list: each job's title, state, latest message, a bar per level (a
 * generation) or one bar of steps (a distillation, an evaluation) and a Cancel button.
 */
public final class QueueView extends ListView<QueuedJob> {

    public QueueView(ObservableList<QueuedJob> jobs) {
        super(jobs);
        setId("queueView");
        setPlaceholder(new Label("No engine jobs yet."));
        setCellFactory(v -> new JobCell());
    }

    private static final class JobCell extends ListCell<QueuedJob> {
        @Override
        protected void updateItem(QueuedJob job, boolean empty) {
            super.updateItem(job, empty);
            if (empty || job == null) {
                setGraphic(null);
                return;
            }
            Label title = new Label(job.title());
            title.setStyle("-fx-font-weight: bold;");
            Label state = new Label();
            state.textProperty().bind(Bindings.concat(job.stateProperty(), " · ", job.messageProperty()));
            Button cancel = new Button("Cancel");
            cancel.disableProperty().bind(Bindings.createBooleanBinding(() -> job.state().isDone(), job.stateProperty()));
            cancel.setOnAction(e -> job.cancel());
            HBox bars = new HBox(8);
            bars.setAlignment(Pos.CENTER_LEFT);
            for (LevelProgress level : job.levels()) {
                ProgressBar bar = new ProgressBar();
                bar.setPrefWidth(110);
                bar.progressProperty().bind(level.fractionProperty());
                Label name = new Label(level.name());
                name.setTooltip(new javafx.scene.control.Tooltip());
                name.getTooltip().textProperty().bind(level.detailProperty());
                bars.getChildren().addAll(name, bar);
            }
            if (job.isTask()) {
                ProgressBar bar = new ProgressBar();
                bar.setPrefWidth(200);
                bar.progressProperty().bind(job.steps().fractionProperty());
                Label detail = new Label();
                detail.textProperty().bind(job.steps().detailProperty());
                bars.getChildren().addAll(bar, detail);
            }
            Button details = new Button("Details…");
            details.visibleProperty().bind(job.errorDetailsProperty().isNotEmpty());
            details.managedProperty().bind(details.visibleProperty());
            details.setOnAction(e -> ErrorDetails.show(job.title() + " failed", job.messageProperty().get(),
                    job.errorDetailsProperty().get()));
            HBox head = new HBox(8, title, cancel, details);
            head.setAlignment(Pos.CENTER_LEFT);
            setGraphic(new VBox(2, head, bars, state));
        }
    }
}
