package io.fastjukebox.engine.distill.eval;

import io.fastjukebox.engine.audio.MelParams;
import io.fastjukebox.engine.audio.MelSpectrogram;
import java.util.List;

/**
 * The mean and covariance of log-mel frames (dB, 10 log10 of mel power floored at 1e-10) over a set of
 * clips, and the Fréchet distance between two such Gaussians, as FID / FAD compute it on embeddings:
 * {@code |mu1 - mu2|^2 + tr(S1 + S2 - 2 (S1^1/2 S2 S1^1/2)^1/2)}, in dB squared.
 *
 * @param mean mean frame, one value per mel band
 * @param covariance band-by-band covariance (unbiased)
 * @param frames frames the statistics were taken over
 */
public record MelStatistics(double[] mean, double[][] covariance, long frames) {
    private static final double FLOOR = 1e-10;

    /** The mel settings of the distance at {@code sampleRate}: 1024-point frames every 256 samples, 64 bands to Nyquist. */
    public static MelParams params(int sampleRate) {
        return new MelParams(sampleRate, 1024, 256, 64, 0, sampleRate / 2.0);
    }

    /** Statistics of every frame of every clip. */
    public static MelStatistics of(List<float[]> clips, MelParams params) {
        int bands = params.nMels();
        double[] sum = new double[bands];
        double[][] products = new double[bands][bands];
        long n = 0;
        double[] frame = new double[bands];
        for (float[] clip : clips) {
            double[][] power = MelSpectrogram.of(clip, params).power(); // [band][frame]
            int frames = power.length == 0 ? 0 : power[0].length;
            for (int t = 0; t < frames; t++) {
                for (int b = 0; b < bands; b++) {
                    frame[b] = 10 * Math.log10(Math.max(FLOOR, power[b][t]));
                    sum[b] += frame[b];
                }
                for (int i = 0; i < bands; i++) {
                    for (int j = i; j < bands; j++) {
                        products[i][j] += frame[i] * frame[j];
                    }
                }
                n++;
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("mel statistics need at least 2 frames, the clips give " + n);
        }
        double[] mean = new double[bands];
        for (int b = 0; b < bands; b++) {
            mean[b] = sum[b] / n;
        }
        double[][] cov = new double[bands][bands];
        for (int i = 0; i < bands; i++) {
            for (int j = i; j < bands; j++) {
                cov[i][j] = (products[i][j] - n * mean[i] * mean[j]) / (n - 1);
                cov[j][i] = cov[i][j];
            }
        }
        return new MelStatistics(mean, cov, n);
    }

    /** The Fréchet distance (squared, dB^2) between the Gaussians of these and {@code other} statistics. */
    public double frechetDistance(MelStatistics other) {
        int n = mean.length;
        if (other.mean.length != n) {
            throw new IllegalArgumentException(n + " vs " + other.mean.length + " mel bands");
        }
        double meanTerm = 0;
        double trace = 0;
        for (int i = 0; i < n; i++) {
            double d = mean[i] - other.mean[i];
            meanTerm += d * d;
            trace += covariance[i][i] + other.covariance[i][i];
        }
        double[][] root = SymmetricEigen.of(covariance).apply(x -> Math.sqrt(Math.max(0, x)));
        double[][] middle = multiply(multiply(root, other.covariance), root); // S1^1/2 S2 S1^1/2, symmetric
        for (int i = 0; i < n; i++) { // symmetrise away rounding
            for (int j = 0; j < i; j++) {
                double m = (middle[i][j] + middle[j][i]) / 2;
                middle[i][j] = m;
                middle[j][i] = m;
            }
        }
        double traceRoot = 0;
        for (double v : SymmetricEigen.of(middle).values()) {
            traceRoot += Math.sqrt(Math.max(0, v));
        }
        return Math.max(0, meanTerm + trace - 2 * traceRoot);
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                for (int j = 0; j < n; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }
}
