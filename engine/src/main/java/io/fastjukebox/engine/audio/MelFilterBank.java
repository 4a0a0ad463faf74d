package io.fastjukebox.engine.audio;

/**
 * The mel filter bank of librosa's {@code filters.mel(htk=False, norm='slaney')}: triangular
 * filters whose edges are equally spaced on the Slaney mel scale (linear below 1 kHz, logarithmic
 * above), each scaled to unit area ({@code 2 / (f[i+2] - f[i])}).
 */
public final class MelFilterBank {
    private static final double F_SP = 200.0 / 3; // Hz per mel in the linear part
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private MelFilterBank() {}

    /** Hz to Slaney mels. */
    public static double hzToMel(double hz) {
        return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
    }

    /** Slaney mels to Hz. */
    public static double melToHz(double mel) {
        return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
    }

    /**
     * {@code n} band-edge frequencies equally spaced in mels from {@code fMin} to {@code fMax}
     * ({@code librosa.mel_frequencies}; the spacing is computed as {@code numpy.linspace} does, so the
     * values agree to the last bit).
     */
    public static double[] melFrequencies(int n, double fMin, double fMax) {
        double lo = hzToMel(fMin);
        double hi = hzToMel(fMax);
        double step = n > 1 ? (hi - lo) / (n - 1) : 0;
        double[] hz = new double[n];
        for (int i = 0; i < n; i++) {
            hz[i] = melToHz(i == n - 1 && n > 1 ? hi : i * step + lo);
        }
        return hz;
    }

    /** The weights, {@code [nMels][nFft / 2 + 1]}. */
    public static double[][] weights(MelParams p) {
        int bins = p.bins();
        double[] fftFreqs = new double[bins];
        for (int k = 0; k < bins; k++) {
            fftFreqs[k] = k * (1.0 / (p.nFft() * (1.0 / p.sampleRate()))); // numpy.fft.rfftfreq, as librosa 0.10
        }
        double[] edges = melFrequencies(p.nMels() + 2, p.fMin(), p.fMax());
        double[][] w = new double[p.nMels()][bins];
        for (int m = 0; m < p.nMels(); m++) {
            double lowerWidth = edges[m + 1] - edges[m];
            double upperWidth = edges[m + 2] - edges[m + 1];
            double norm = 2.0 / (edges[m + 2] - edges[m]);
            for (int k = 0; k < bins; k++) {
                double lower = (fftFreqs[k] - edges[m]) / lowerWidth;
                double upper = (edges[m + 2] - fftFreqs[k]) / upperWidth;
                w[m][k] = Math.max(0, Math.min(lower, upper)) * norm;
            }
        }
        return w;
    }
}
