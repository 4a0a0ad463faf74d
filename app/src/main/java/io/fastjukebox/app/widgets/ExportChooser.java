package io.fastjukebox.app.widgets;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.stage.FileChooser;

/** The save dialog for exporting a clip: WAV (with LIST/INFO metadata) or FLAC, chosen by the file type. */
public final class ExportChooser {
    private ExportChooser() {}

    /** Asks where to export; empty if the user cancels. */
    public static Optional<Path> ask(Node owner, String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("WAV (16-bit, LIST/INFO metadata)", "*.wav"),
                new FileChooser.ExtensionFilter("FLAC (16-bit)", "*.flac"));
        File chosen = chooser.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        return Optional.ofNullable(chosen).map(File::toPath);
    }
}
