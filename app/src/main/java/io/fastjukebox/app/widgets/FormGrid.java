package io.fastjukebox.app.widgets;

import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** A form: one labelled input per row, each with its problem (a {@link FieldError}) under it. */
public final class FormGrid extends GridPane {
    private int row;

    public FormGrid() {
        setHgap(8);
        setVgap(4);
    }

    /** Adds {@code input} labelled {@code label}, with {@code error} (id {@code errorId}) under it. */
    public void field(String label, Node input, String errorId, ObservableStringValue error) {
        add(new Label(label), 0, row);
        add(input, 1, row);
        add(new FieldError(errorId, error), 1, row + 1);
        row += 2;
    }

    /** Adds {@code input} labelled {@code label}, without a problem of its own. */
    public void field(String label, Node input) {
        add(new Label(label), 0, row);
        add(input, 1, row++);
    }

    /** Adds {@code node} across the whole width. */
    public void wide(Node node) {
        add(node, 0, row++, 2, 1);
    }

    /** A text field bound both ways to {@code value}, about {@code width} pixels wide. */
    public static TextField text(String id, StringProperty value, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(Math.max(3, (int) (width / 12)));
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(value);
        return f;
    }
}
