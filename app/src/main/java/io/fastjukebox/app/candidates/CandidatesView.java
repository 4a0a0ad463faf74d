package io.fastjukebox.app.candidates;

import io.fastjukebox.app.audioview.ClipView;
import io.fastjukebox.app.jobs.QueueView;
import io.fastjukebox.engine.render.ColorMap;
import java.io.File;
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
import javafx.stage.FileChooser;

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
        Button upsample = button("upsamplePicked", "Upsample picked", () -> viewModel.upsamplePicked());
        Button compare = button("comparePicked", "Compare picked", () -> {
            if (viewModel.comparePicked(list.getSelectionModel().getSelectedItem())) {
                showCompare.run();
            }
        });
        Button export = button("exportCandidate", "Export selected…", this::chooseExport);
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

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private void chooseExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the selected candidate");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("WAV (16-bit, LIST/INFO metadata)", "*.wav"),
                new FileChooser.ExtensionFilter("FLAC (16-bit)", "*.flac"));
        File chosen = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            viewModel.exportPreview(chosen.toPath());
        }
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
