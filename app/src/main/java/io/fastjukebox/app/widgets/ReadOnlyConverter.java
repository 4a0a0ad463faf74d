package io.fastjukebox.app.widgets;

import java.util.Objects;
import java.util.function.Function;
import javafx.util.StringConverter;

/** Shows the values of a choice box as {@code text} gives them (the box is not editable; null shows as nothing). */
public final class ReadOnlyConverter<T> extends StringConverter<T> {
    private final Function<T, String> text;

    public ReadOnlyConverter(Function<T, String> text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString(T value) {
        return value == null ? "" : text.apply(value);
    }

    @Override
    public T fromString(String string) {
        throw new UnsupportedOperationException("not editable");
    }
}
