package io.fastjukebox.engine.audio;

/**
 * A mel power spectrogram, laid out as librosa's: {@code power[mel][frame]}.
 *
 * @param params how it was computed
 * @param power mel-band power, {@code [nMels][frames]}
 */
public record MelSpectrogram(MelParams params, double[][] power) {

    /** Computes the mel power spectrogram of a clip; the clip's rate must match {@code params}. */
    public static MelSpectrogram of(AudioClip clip, MelParams params) {
        if (clip.sampleRate() != params.sampleRate()) {
            throw new IllegalArgumentException("clip is at " + clip.sampleRate() + " Hz but the mel settings are for "
                    + params.sampleRate() + " Hz");
        }
        return of(clip.samples(), params);
    }

    /** Computes the mel power spectrogram of samples at {@code params.sampleRate()}. */
    public static MelSpectrogram of(float[] samples, MelParams params) {
        double[][] stft = Stft.power(samples, params.nFft(), params.hopLength()); // [frames][bins]
        double[][] weights = MelFilterBank.weights(params); // [mels][bins]
        int frames = stft.length;
        double[][] mel = new double[params.nMels()][frames];
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            int lo = 0;
            while (lo < w.length && w[lo] == 0) {
                lo++;
            }
            int hi = w.length;
            while (hi > lo && w[hi - 1] == 0) {
                hi--;
            }
            for (int t = 0; t < frames; t++) {
                double[] s = stft[t];
                double sum = 0;
                for (int k = lo; k < hi; k++) {
                    sum += w[k] * s[k];
                }
                mel[m][t] = sum;
            }
        }
        return new MelSpectrogram(params, mel);
    }

    /** Number of frames. */
    public int frames() {
        return power.length == 0 ? 0 : power[0].length;
    }

    /** Seconds between frames. */
    public double secondsPerFrame() {
        return params.hopLength() / (double) params.sampleRate();
    }

    /** The spectrogram in dB, {@code [nMels][frames]}. */
    public double[][] toDb(DbScale scale) {
        return scale.apply(power);
    }
}
