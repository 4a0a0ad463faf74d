package io.fastjukebox.engine.audio;

import java.io.IOException;
import java.nio.file.Path;

/** An audio file that cannot be read: empty, truncated, not audio, or in an unsupported encoding. */
public class AudioFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public AudioFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public AudioFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
