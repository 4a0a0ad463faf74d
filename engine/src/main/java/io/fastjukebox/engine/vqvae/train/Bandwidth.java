package io.fastjukebox.engine.vqvae.train;

/**
 * Loss normalisers measured on the training data (jukebox/utils/audio_utils.py
 * {@code calculate_bandwidth}): the sample variance, the mean absolute sample, and the mean
 * Frobenius norm of the magnitude STFT (n_fft 2048, hop 256, Hann window 1536).
 *
 * @param l2 variance of the samples (divides L2 and Linf losses)
 * @param l1 mean absolute sample (divides the L1 loss)
 * @param spec mean spectrogram norm (divides spectral losses)
 */
public record Bandwidth(double l2, double l1, double spec) {
    public Bandwidth {
        if (!(l2 > 0) || !(l1 > 0) || !(spec > 0)) {
            throw new IllegalArgumentException("bandwidths must be positive (is the training audio silent?): l2 " + l2
                    + ", l1 " + l1 + ", spec " + spec);
        }
    }
}
