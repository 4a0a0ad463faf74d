package io.fastjukebox.app.playback;

import io.fastjukebox.engine.audio.AudioClip;

/**
 * Run by {@link JavaSoundOutputTest} in a JVM whose ALSA configuration the test chose: prints the
 * probe's verdict and, with a device, plays 1 s of 8 kHz audio from 0.25 s, printing the earliest
 * playhead seen and where it ended (ALSA's null device does not play in real time, so how fast
 * the playhead moves is not checked).
 */
final class PlaybackChild {
    private PlaybackChild() {}

    public static void main(String[] args) throws Exception {
        JavaSoundOutput output = new JavaSoundOutput();
        System.out.println("unavailable: " + output.unavailableReason().orElse("no"));
        if (output.unavailableReason().isPresent()) {
            return;
        }
        float[] s = new float[8000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.2 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        AudioOutput.Playing sound = output.play(new AudioClip(s, 8000), 0.25);
        double min = sound.positionSeconds();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!sound.isFinished() && System.nanoTime() < deadline) {
            min = Math.min(min, sound.positionSeconds());
            Thread.sleep(2);
        }
        System.out.println("min " + min + " finished " + sound.isFinished() + " end " + sound.positionSeconds());
    }
}
