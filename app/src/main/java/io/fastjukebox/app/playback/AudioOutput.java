package io.fastjukebox.app.playback;

import io.fastjukebox.engine.audio.AudioClip;
import java.io.IOException;
import java.util.Optional;

/** Where sound goes: the machine's audio device, or a test double. */
public interface AudioOutput {

    /** Why nothing can be played (e.g. no audio device), or empty when playback works. */
    Optional<String> unavailableReason();

    /** Starts playing {@code clip} from {@code fromSeconds}; the sound runs on its own thread. */
    Playing play(AudioClip clip, double fromSeconds) throws IOException;

    /** A sound being played. Its methods may be called from any thread. */
    interface Playing {
        /** Seconds into the clip that the listener hears now. */
        double positionSeconds();

        /** Whether the end of the clip has been played. */
        boolean isFinished();

        /** Stops at once (the position stays where it was). */
        void stop();
    }
}
