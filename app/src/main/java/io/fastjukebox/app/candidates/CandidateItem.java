package io.fastjukebox.app.candidates;

import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One top-level candidate of a job: its decoded levels so far (index = level, null when not yet
 * decoded), whether it is chosen for upsampling, and whether the job record already asks for that.
 */
public final class CandidateItem {
    private final int number;
    private final Path[] wavs;
    private final boolean upsampleRequested;
    private final BooleanProperty picked = new SimpleBooleanProperty(this, "picked");

    CandidateItem(int number, Path[] wavs, boolean upsampleRequested) {
        this.number = number;
        this.wavs = wavs.clone();
        this.upsampleRequested = upsampleRequested;
    }

    /** 1-based. */
    public int number() {
        return number;
    }

    /** The decoded audio of {@code level} (2 = top), if finished. */
    public Optional<Path> wav(int level) {
        return Optional.ofNullable(wavs[level]);
    }

    /** The most detailed level decoded so far (bottom is full quality). */
    public Optional<Path> best() {
        for (int level = 0; level <= 2; level++) {
            if (wavs[level] != null) {
                return Optional.of(wavs[level]);
            }
        }
        return Optional.empty();
    }

    /** Whether the job already samples (or sampled) its middle and bottom levels. */
    public boolean upsampleRequested() {
        return upsampleRequested;
    }

    /** Chosen by the user for upsampling or comparing. */
    public BooleanProperty pickedProperty() {
        return picked;
    }

    /** e.g. "top ready · pick to upsample", "upsampling: middle ready", "full quality (bottom) ready". */
    public String status() {
        if (wavs[0] != null) {
            return "full quality (bottom level) ready";
        }
        if (wavs[2] == null) {
            return "sampling the top level…";
        }
        if (upsampleRequested) {
            return wavs[1] != null ? "upsampling: middle level ready" : "upsampling queued or running";
        }
        return "top level ready · pick to upsample";
    }
}
