package io.fastjukebox.engine.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Short-time Fourier transform power, {@code |X[frame][bin]|^2}, computed in double precision the
 * way librosa's {@code stft(center=True, pad_mode='constant', window='hann')} does it: the signal is
 * zero-padded by {@code nFft / 2} on both sides and frame {@code t} starts at {@code t * hop} of the
 * padded signal.
 */
public final class Stft {

    private Stft() {}

    /** The periodic Hann window of length {@code n} ({@code scipy.signal.get_window('hann', n)}). */
    public static double[] hann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return w;
    }

    /** Power spectrogram {@code [frames][nFft / 2 + 1]} of {@code signal}. */
    public static double[][] power(float[] signal, int nFft, int hop) {
        int pad = nFft / 2;
        int frames = 1 + (signal.length + 2 * pad - nFft) / hop;
        int bins = nFft / 2 + 1;
        double[] window = hann(nFft);
        DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
        double[] buf = new double[2 * nFft];
        double[][] out = new double[Math.max(0, frames)][bins];
        for (int t = 0; t < frames; t++) {
            int start = t * hop - pad; // index into the unpadded signal
            java.util.Arrays.fill(buf, 0);
            for (int i = 0; i < nFft; i++) {
                int s = start + i;
                if (s >= 0 && s < signal.length) {
                    buf[i] = signal[s] * window[i];
                }
            }
            fft.realForwardFull(buf);
            for (int k = 0; k < bins; k++) {
                double re = buf[2 * k];
                double im = buf[2 * k + 1];
                out[t][k] = re * re + im * im;
            }
        }
        return out;
    }
}
