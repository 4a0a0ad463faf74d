package io.fastjukebox.engine.audio;

import java.util.Locale;

/**
 * Settings of a mel spectrogram, with librosa's meaning: a centred STFT (zero padding of
 * {@code nFft / 2} on both sides) with a periodic Hann window of {@code nFft} samples, its power
 * {@code |X|^2}, and a Slaney-style mel filter bank with Slaney area normalisation.
 *
 * @param sampleRate rate of the audio the spectrogram is computed on
 * @param nFft FFT size and window length, at least 16
 * @param hopLength samples between frames, positive
 * @param nMels number of mel bands, positive
 * @param fMin lowest band edge in Hz, {@code >= 0}
 * @param fMax highest band edge in Hz, {@code <= sampleRate / 2}
 */
public record MelParams(int sampleRate, int nFft, int hopLength, int nMels, double fMin, double fMax) {

    public MelParams {
        require(sampleRate > 0, "sample rate %d must be positive", sampleRate);
        require(nFft >= 16 && nFft <= 1 << 16, "n_fft %d must be between 16 and 65536", nFft);
        require(hopLength > 0, "hop length %d must be positive", hopLength);
        require(nMels > 0 && nMels <= 1024, "n_mels %d must be between 1 and 1024", nMels);
        require(fMin >= 0, "fmin %.1f Hz must not be negative", fMin);
        require(fMax > fMin, "fmax %.1f Hz must be above fmin %.1f Hz", fMax, fMin);
        require(fMax <= sampleRate / 2.0 + 1e-9, "fmax %.1f Hz is above the Nyquist frequency %.1f Hz", fMax,
                sampleRate / 2.0);
    }

    /** librosa's {@code melspectrogram} defaults at this rate: n_fft 2048, hop 512, 128 mels, 0 Hz to Nyquist. */
    public static MelParams librosaDefaults(int sampleRate) {
        return new MelParams(sampleRate, 2048, 512, 128, 0, sampleRate / 2.0);
    }

    /** Number of frequency bins of one STFT frame ({@code nFft / 2 + 1}). */
    public int bins() {
        return nFft / 2 + 1;
    }

    /** Number of frames for a signal of {@code samples} samples (centred frames, as librosa). */
    public int frames(int samples) {
        return 1 + (samples + 2 * (nFft / 2) - nFft) / hopLength;
    }

    private static void require(boolean ok, String message, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, message, args));
        }
    }
}
