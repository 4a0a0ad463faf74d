package io.fastjukebox.app.widgets;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;

/** The problem with one form field, in red under it; takes no room while there is none. */
public final class FieldError extends Label {

    public FieldError(String id, ObservableStringValue message) {
        setId(id);
        setWrapText(true);
        setMaxWidth(330);
        setStyle("-fx-text-fill: #b3261e; -fx-font-size: 11px;");
        textProperty().bind(message);
        visibleProperty().bind(textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }
}
