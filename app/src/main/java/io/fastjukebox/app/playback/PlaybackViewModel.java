package io.fastjukebox.app.playback;

import io.fastjukebox.engine.audio.AudioClip;
import java.io.IOException;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The studio's one player and its one playhead: a clip is cued (by the Compare or Candidates
 * screen), then played, paused and sought. Cueing another clip while playing keeps the position
 * and plays on from there (instant A/B). Without an audio device every command is refused with one
 * clear message; the playhead can still be moved. Use on the UI thread; the view calls
 * {@link #tick()} once per frame while playing.
 */
public final class PlaybackViewModel {
    private final AudioOutput output;
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final ReadOnlyDoubleWrapper position = new ReadOnlyDoubleWrapper(this, "position", 0);
    private final ReadOnlyDoubleWrapper duration = new ReadOnlyDoubleWrapper(this, "duration", 0);
    private final ReadOnlyStringWrapper cuedName = new ReadOnlyStringWrapper(this, "cuedName", "");
    private final ReadOnlyBooleanWrapper canPlay = new ReadOnlyBooleanWrapper(this, "canPlay");
    private AudioClip cued;
    private AudioOutput.Playing sound;

    public PlaybackViewModel(AudioOutput output) {
        this.output = Objects.requireNonNull(output, "output");
        available.set(output.unavailableReason().isEmpty());
        message.set(output.unavailableReason().orElse(""));
    }

    /** False without an audio device; then {@link #messageProperty()} says so. */
    public ReadOnlyBooleanProperty availableProperty() { return available.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty playingProperty() { return playing.getReadOnlyProperty(); }
    /** The playhead, in seconds into the cued clip. */
    public ReadOnlyDoubleProperty positionProperty() { return position.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty durationProperty() { return duration.getReadOnlyProperty(); }
    public ReadOnlyStringProperty cuedNameProperty() { return cuedName.getReadOnlyProperty(); }
    /** Whether there is a device and a clip to play. */
    public ReadOnlyBooleanProperty canPlayProperty() { return canPlay.getReadOnlyProperty(); }

    /** Makes {@code clip} the one that plays; if something is playing, it goes on in {@code clip} at the same time. */
    public void cue(String name, AudioClip clip) {
        boolean wasPlaying = playing.get();
        stopSound();
        cued = clip;
        cuedName.set(name);
        duration.set(clip.durationSeconds());
        canPlay.set(available.get());
        if (position.get() > clip.durationSeconds()) {
            position.set(0);
        }
        if (wasPlaying) {
            play();
        }
    }

    /** Plays the cued clip from the playhead (from the start if the playhead is at the end). */
    public void play() {
        if (!available.get()) {
            return; // the message already says why
        }
        if (cued == null) {
            message.set("Choose a clip first (click a pane on Compare, or a candidate)");
            return;
        }
        stopSound();
        double from = position.get() >= cued.durationSeconds() - 1e-3 ? 0 : position.get();
        try {
            sound = output.play(cued, from);
            position.set(from);
            playing.set(true);
            message.set("");
        } catch (IOException | RuntimeException e) {
            playing.set(false);
            message.set("Cannot play: " + e.getMessage());
        }
    }

    public void pause() {
        tick();
        stopSound();
        playing.set(false);
    }

    public void toggle() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /** Moves the playhead; playing goes on from there. */
    public void seek(double seconds) {
        double limit = cued == null ? Double.MAX_VALUE : cued.durationSeconds();
        position.set(Math.max(0, Math.min(limit, seconds)));
        if (playing.get()) {
            play();
        }
    }

    /** Moves the playhead with the sound; notices the end. */
    public void tick() {
        if (sound == null) {
            return;
        }
        position.set(sound.positionSeconds());
        if (sound.isFinished()) {
            sound = null;
            playing.set(false);
        }
    }

    /** Stops any sound (when the window closes). */
    public void stop() {
        stopSound();
        playing.set(false);
    }

    private void stopSound() {
        if (sound != null) {
            sound.stop();
            sound = null;
        }
    }
}
