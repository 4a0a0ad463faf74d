package io.fastjukebox.app.studio;

import io.fastjukebox.app.audioview.AudioView;
import io.fastjukebox.app.audioview.AudioViewModel;
import javafx.scene.Parent;

/** The main window's content, built the same way for the real window and for screenshots. */
final class StudioWindow {
    static final String TITLE = "Fast Jukebox Studio";
    static final double MIN_WIDTH = 900;
    static final double MIN_HEIGHT = 600;

    private final AudioViewModel audio;
    private final Parent root;

    /** Builds the content; call on the FX thread. */
    StudioWindow(AppContext context) {
        this.audio = context.newAudioViewModel();
        this.root = new AudioView(audio);
    }

    Parent root() {
        return root;
    }

    AudioViewModel audioViewModel() {
        return audio;
    }
}
