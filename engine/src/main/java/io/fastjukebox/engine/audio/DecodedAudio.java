package io.fastjukebox.engine.audio;

/**
 * A whole file decoded to floats in [-1, 1], one array per channel.
 *
 * @param info what the file was
 * @param channels planar samples: {@code channels[c][frame]}
 */
public record DecodedAudio(AudioFileInfo info, float[][] channels) {

    /** Averages all channels into one (Jukebox models are mono). */
    public AudioClip toMono() {
        int n = channels[0].length;
        float[] mono = new float[n];
        if (channels.length == 1) {
            System.arraycopy(channels[0], 0, mono, 0, n);
        } else {
            for (float[] ch : channels) {
                for (int i = 0; i < n; i++) {
                    mono[i] += ch[i];
                }
            }
            float scale = 1f / channels.length;
            for (int i = 0; i < n; i++) {
                mono[i] *= scale;
            }
        }
        return new AudioClip(mono, info.sampleRate());
    }
}
