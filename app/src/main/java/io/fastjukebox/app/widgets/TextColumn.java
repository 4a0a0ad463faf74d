package io.fastjukebox.app.widgets;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;

/** A read-only table column showing one text per row, computed from the row's item. */
public final class TextColumn<T> extends TableColumn<T, String> {

    public TextColumn(String title, double width, Function<T, String> text) {
        super(title);
        setPrefWidth(width);
        setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(text.apply(cell.getValue())));
    }
}
