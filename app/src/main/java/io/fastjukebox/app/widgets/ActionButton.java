package io.fastjukebox.app.widgets;

import javafx.scene.control.Button;

/** A button with an id (for tests and styling) that runs one action. */
public final class ActionButton extends Button {

    public ActionButton(String id, String text, Runnable action) {
        super(text);
        setId(id);
        setOnAction(e -> action.run());
    }
}
