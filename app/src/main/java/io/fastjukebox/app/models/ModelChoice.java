package io.fastjukebox.app.models;

import io.fastjukebox.app.widgets.ReadOnlyConverter;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ObservableList;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;

/** A drop-down of library models, each shown by its {@link ModelEntry#label()}, bound both ways to a choice. */
public final class ModelChoice extends ComboBox<ModelEntry> {

    /** @param empty what the box says when nothing is chosen */
    public ModelChoice(String id, ObservableList<ModelEntry> items, ObjectProperty<ModelEntry> chosen, String empty) {
        super(items);
        setId(id);
        setPrefWidth(620);
        setPromptText(empty);
        setConverter(new ReadOnlyConverter<>(ModelEntry::label));
        setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(ModelEntry item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                setText(isEmpty || item == null ? empty : item.label());
            }
        });
        valueProperty().bindBidirectional(chosen);
    }
}
