package io.fastjukebox.app.audioview;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a failed load into one line a person can act on. */
final class LoadFailureMessage {
    private static final Logger LOG = LoggerFactory.getLogger(LoadFailureMessage.class);

    private LoadFailureMessage() {}

    /** A one-line message naming the file, e.g. "Cannot open bad.wav: not a supported audio file (...)". */
    static String of(Path path, Throwable e) {
        String prefix = "Cannot open " + AudioViewModel.displayName(path) + ": ";
        if (e instanceof OutOfMemoryError) {
            return prefix + "the file is too large to analyse in the memory available";
        }
        if (e instanceof NoSuchFileException) {
            return prefix + "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return prefix + "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return prefix + fs.getReason();
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        String shortName = AudioViewModel.displayName(path);
        for (String name : List.of(path.toString(), path.toAbsolutePath().toString(), shortName)) {
            if (message.startsWith(name + ": ")) {
                message = message.substring(name.length() + 2); // the engine's "FILE: problem" form
                break;
            }
        }
        if (!(e instanceof IOException)) {
            LOG.warn("unexpected failure loading {}", path, e);
            message = "unexpected error (" + e.getClass().getSimpleName() + ": " + message + ")";
        }
        return prefix + message;
    }
}
