package io.fastjukebox.app.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.audio.AudioClip;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlaybackViewModelTest {
    private final AudioClip a = new AudioClip(new float[8000 * 4], 8000);
    private final AudioClip b = new AudioClip(new float[8000 * 3], 8000);

    @Test
    void withoutADeviceEverythingIsRefusedWithOneClearMessageButThePlayheadStillMoves() {
        PlaybackViewModel vm = new PlaybackViewModel(new FakeOutput(Optional.of(JavaSoundOutput.NO_DEVICE)));

        vm.cue("a", a);
        vm.play();
        vm.seek(1.5);

        assertFalse(vm.availableProperty().get());
        assertFalse(vm.canPlayProperty().get());
        assertFalse(vm.playingProperty().get());
        assertEquals(JavaSoundOutput.NO_DEVICE, vm.messageProperty().get());
        assertEquals(1.5, vm.positionProperty().get());
    }

    @Test
    void playsFromThePlayheadFollowsTheSoundAndSwitchesClipsAtTheSamePlace() {
        FakeOutput out = new FakeOutput(Optional.empty());
        PlaybackViewModel vm = new PlaybackViewModel(out);
        vm.cue("a", a);
        vm.seek(1.0);

        vm.play();
        out.last().position = 2.25;
        vm.tick();

        assertTrue(vm.playingProperty().get());
        assertEquals(2.25, vm.positionProperty().get());
        vm.cue("b", b); // A/B: b goes on from 2.25 s while playing
        assertTrue(out.started.get(0).stopped);
        assertEquals(List.of(1.0, 2.25), out.starts);
        assertEquals("b", vm.cuedNameProperty().get());

        out.last().position = 3.0;
        out.last().finished = true;
        vm.tick();
        assertFalse(vm.playingProperty().get());
        vm.play(); // at the end: from the start again
        assertEquals(0.0, out.starts.get(2));
        vm.pause();
        assertTrue(out.last().stopped);
    }

    private static final class FakeOutput implements AudioOutput {
        final Optional<String> reason;
        final List<Double> starts = new ArrayList<>();
        final List<FakeSound> started = new ArrayList<>();

        FakeOutput(Optional<String> reason) {
            this.reason = reason;
        }

        FakeSound last() {
            return started.get(started.size() - 1);
        }

        @Override
        public Optional<String> unavailableReason() {
            return reason;
        }

        @Override
        public Playing play(AudioClip clip, double fromSeconds) {
            starts.add(fromSeconds);
            FakeSound s = new FakeSound();
            s.position = fromSeconds;
            started.add(s);
            return s;
        }
    }

    private static final class FakeSound implements AudioOutput.Playing {
        double position;
        boolean finished;
        boolean stopped;

        @Override
        public double positionSeconds() {
            return position;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }
}
