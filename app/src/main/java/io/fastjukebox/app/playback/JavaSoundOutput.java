package io.fastjukebox.app.playback;

import io.fastjukebox.engine.audio.AudioClip;
import java.io.IOException;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * Plays mono clips through a {@link SourceDataLine} (javafx-notes section 4): 16-bit PCM streamed
 * from memory in small blocks on a daemon thread, at the clip's rate when the device takes it,
 * else resampled to 44.1 kHz. Probed once: without a device the studio says so and never tries.
 */
public final class JavaSoundOutput implements AudioOutput {
    static final String NO_DEVICE = "No audio output device found; playback is disabled (everything else works)";
    private static final int DEVICE_RATE = 44_100;
    private static final double BLOCK_SECONDS = 0.05;
    private final Optional<String> unavailable;

    public JavaSoundOutput() {
        this.unavailable = probe();
    }

    private static Optional<String> probe() {
        // Without a device Java Sound throws IllegalArgumentException, not LineUnavailableException.
        try {
            DataLine.Info info = new DataLine.Info(SourceDataLine.class, format(DEVICE_RATE));
            if (!AudioSystem.isLineSupported(info)) {
                return Optional.of(NO_DEVICE);
            }
            SourceDataLine line = (SourceDataLine) AudioSystem.getLine(info);
            line.open(format(DEVICE_RATE));
            line.close();
            return Optional.empty();
        } catch (IllegalArgumentException | LineUnavailableException | SecurityException e) {
            return Optional.of(NO_DEVICE + " (" + e.getMessage() + ")");
        }
    }

    private static AudioFormat format(int rate) {
        return new AudioFormat(rate, 16, 1, true, false);
    }

    @Override
    public Optional<String> unavailableReason() {
        return unavailable;
    }

    @Override
    public Playing play(AudioClip clip, double fromSeconds) throws IOException {
        if (unavailable.isPresent()) {
            throw new IOException(unavailable.get());
        }
        AudioClip playable = clip;
        SourceDataLine line;
        try {
            line = AudioSystem.getSourceDataLine(format(clip.sampleRate()));
            line.open(format(clip.sampleRate()));
        } catch (IllegalArgumentException | LineUnavailableException e) {
            playable = clip.resampledTo(DEVICE_RATE); // the device does not take this rate
            try {
                line = AudioSystem.getSourceDataLine(format(DEVICE_RATE));
                line.open(format(DEVICE_RATE));
            } catch (IllegalArgumentException | LineUnavailableException e2) {
                throw new IOException("cannot open the audio device: " + e2.getMessage(), e2);
            }
        }
        Stream stream = new Stream(line, playable, fromSeconds);
        Thread t = new Thread(stream, "fastjukebox-playback");
        t.setDaemon(true);
        t.start();
        return stream;
    }

    /** Writes one clip to one line until the end or {@link #stop()}. */
    private static final class Stream implements Runnable, Playing {
        private final SourceDataLine line;
        private final AudioClip clip;
        private final long firstFrame;
        private volatile boolean stopped;
        private volatile boolean finished;
        private volatile long playedAtClose = -1;

        Stream(SourceDataLine line, AudioClip clip, double fromSeconds) {
            this.line = line;
            this.clip = clip;
            this.firstFrame = Math.max(0, Math.min(clip.frames(), Math.round(fromSeconds * clip.sampleRate())));
        }

        @Override
        public void run() {
            float[] s = clip.samples();
            int block = Math.max(256, (int) (BLOCK_SECONDS * clip.sampleRate()));
            byte[] bytes = new byte[block * 2];
            line.start();
            try {
                for (int i = (int) firstFrame; i < s.length && !stopped; i += block) {
                    int n = Math.min(block, s.length - i);
                    for (int k = 0; k < n; k++) {
                        int v = (int) Math.round(Math.max(-1, Math.min(1, s[i + k])) * 32767);
                        bytes[2 * k] = (byte) v;
                        bytes[2 * k + 1] = (byte) (v >> 8);
                    }
                    line.write(bytes, 0, 2 * n);
                }
                if (!stopped) {
                    line.drain();
                }
            } finally {
                playedAtClose = line.getLongFramePosition();
                line.stop();
                line.flush();
                line.close();
                finished = !stopped;
            }
        }

        @Override
        public double positionSeconds() {
            long closed = playedAtClose;
            long played = finished ? clip.frames() - firstFrame : closed >= 0 ? closed : line.getLongFramePosition();
            return Math.min(clip.frames(), firstFrame + played) / (double) clip.sampleRate();
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
