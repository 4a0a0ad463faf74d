package io.fastjukebox.app.widgets;

import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;

/** A failure for people: the readable message, with the technical details (stack trace) one click away. */
public final class ErrorDetails {
    private ErrorDetails() {}

    /** Shows {@code message} in an error dialog whose expandable part holds {@code details}. */
    public static void show(String header, String message, String details) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(header);
        TextArea trace = new TextArea(details);
        trace.setEditable(false);
        trace.setStyle("-fx-font-family: monospace;");
        alert.getDialogPane().setExpandableContent(trace);
        alert.show();
    }
}
