package io.fastjukebox.app.playback;

import io.fastjukebox.engine.audio.AudioClip;

/**
 * Run by {@link JavaSoundOutputTest} in a JVM whose ALSA configuration the test chose: prints the
 * probe's verdict and, with a device, plays 1 s of 8 kHz audio from 0.25 s, printing where the
 * playhead was seen.
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
        double first = sound.positionSeconds();
        long deadline = System.nanoTime() + 20_000_000_000L;
        double max = first;
        while (!sound.isFinished() && System.nanoTime() < deadline) {
            max = Math.max(max, sound.positionSeconds());
            Thread.sleep(5);
        }
        System.out.println("first " + first + " max " + max + " finished " + sound.isFinished() + " end "
                + sound.positionSeconds());
    }
}
