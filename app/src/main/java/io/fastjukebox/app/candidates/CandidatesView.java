package io.fastjukebox.app.candidates;

import io.fastjukebox.app.audioview.ClipView;
import io.fastjukebox.app.jobs.QueueView;
import io.fastjukebox.app.widgets.ActionButton;
import io.fastjukebox.app.widgets.ExportChooser;
import io.fastjukebox.engine.render.ColorMap;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Candidates screen: the job's candidates with a pick box each, the selected one's waveform
 * and spectrogram (click to move the playhead), the actions (upsample, compare, export), and the
 * queue of engine jobs.
 */
public final class CandidatesView extends BorderPane {
    private final CandidatesViewModel viewModel;
    private final ListView<CandidateItem> list;

    /** @param showCompare switches the window to the Compare screen */
    public CandidatesView(CandidatesViewModel viewModel, Runnable showCompare) {
        this.viewModel = viewModel;
        setId("candidatesView");
        setPadding(new Insets(10));
        Label summary = new Label();
        summary.setId("candidatesSummary");
        summary.setStyle("-fx-font-weight: bold;");
        summary.textProperty().bind(viewModel.summaryProperty());
        setTop(summary);

        list = new ListView<>(viewModel.candidates());
        list.setId("candidateList");
        list.setPlaceholder(new Label("Candidates appear here as their top level is decoded."));
        list.setCellFactory(v -> new CandidateCell());
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                viewModel.select(now);
            }
        });
        Button upsample = new ActionButton("upsamplePicked", "Upsample picked", () -> viewModel.upsamplePicked());
        Button compare = new ActionButton("comparePicked", "Compare picked", () -> {
            if (viewModel.comparePicked(list.getSelectionModel().getSelectedItem())) {
                showCompare.run();
            }
        });
        Button export = new ActionButton("exportCandidate", "Export selected…",
                () -> ExportChooser.ask(this, "Export the selected candidate").ifPresent(viewModel::exportPreview));
        Label message = new Label();
        message.setId("candidatesMessage");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        VBox left = new VBox(6, list, new HBox(6, upsample, compare, export), message);
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setMinWidth(380);

        ClipView preview = new ClipView(viewModel.preview(), viewModel.previewAxis(),
                new SimpleObjectProperty<>(ColorMap.MAGMA));
        preview.waveformView().setHint("Select a candidate to see and play it.");
        preview.waveformView().addEventHandler(MouseEvent.MOUSE_CLICKED, e -> seek(preview, e));
        preview.melView().addEventHandler(MouseEvent.MOUSE_CLICKED, e -> seek(preview, e));
        SplitPane split = new SplitPane(left, preview);
        split.setDividerPositions(0.38);
        QueueView queue = new QueueView(viewModel.queue());
        queue.setPrefHeight(190);
        VBox center = new VBox(8, split, new Label("Engine queue (one job at a time)"), queue);
        VBox.setVgrow(split, Priority.ALWAYS);
        center.setPadding(new Insets(8, 0, 0, 0));
        setCenter(center);
    }

    private void seek(ClipView preview, MouseEvent e) {
        viewModel.seekPreview(viewModel.previewAxis().toSeconds(e.getX(), preview.waveformView().getWidth()));
    }



    /** A candidate: pick box, number and status. */
    private static final class CandidateCell extends ListCell<CandidateItem> {
        private final CheckBox pick = new CheckBox();
        private final Label text = new Label();
        private final HBox box = new HBox(8, pick, text);
        private CandidateItem bound;

        CandidateCell() {
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(CandidateItem item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                pick.selectedProperty().unbindBidirectional(bound.pickedProperty());
                bound = null;
            }
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            bound = item;
            pick.setId("pick-" + item.number());
            pick.selectedProperty().bindBidirectional(item.pickedProperty());
            text.setText("Candidate " + item.number() + " · " + item.status());
            setGraphic(box);
        }
    }
}
