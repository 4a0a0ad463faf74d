package io.fastjukebox.app.distill;

import io.fastjukebox.app.widgets.ActionButton;
import io.fastjukebox.app.widgets.FieldError;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Evaluating the finished student against its teacher: held-out codes, Evaluate, and the Markdown report. */
final class StudentEvalView extends VBox {
    private final StudentEvalViewModel viewModel;

    StudentEvalView(StudentEvalViewModel viewModel) {
        super(4);
        this.viewModel = viewModel;
        setId("studentEvalView");
        setPadding(new Insets(6));
        TextField codes = new TextField();
        codes.setId("heldOutCodes");
        codes.setPromptText("held-out codes .npz (not trained on)");
        codes.setPrefWidth(300);
        codes.textProperty().bindBidirectional(viewModel.heldOutCodesProperty());
        Button evaluate = new ActionButton("evaluateStudent", "Evaluate against the teacher", viewModel::evaluate);
        evaluate.disableProperty().bind(viewModel.studentProperty().isNull());
        HBox row = new HBox(6, new Label("Held-out codes"), codes, new ActionButton("chooseHeldOut", "Choose…",
                this::chooseCodes), evaluate);
        row.setAlignment(Pos.CENTER_LEFT);
        Label status = DistillView.label("evalStatus", Bindings.when(viewModel.studentProperty().isNull())
                .then("When a run finishes, its student can be evaluated against its teacher here.")
                .otherwise(viewModel.statusProperty()));
        TextArea report = DistillView.area("evalReport", viewModel.reportTextProperty(), false);
        VBox.setVgrow(report, Priority.ALWAYS);
        getChildren().addAll(row, new FieldError("evalError", viewModel.errorProperty()), status, report);
    }

    private void chooseCodes() {
        DistillView.chooseCodes(this, "Choose held-out codes", viewModel.heldOutCodesProperty());
    }
}
