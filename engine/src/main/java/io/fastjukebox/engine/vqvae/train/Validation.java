package io.fastjukebox.engine.vqvae.train;

import io.fastjukebox.engine.audio.DbScale;
import io.fastjukebox.engine.audio.MelParams;
import io.fastjukebox.engine.audio.MelSpectrogram;
import io.fastjukebox.engine.vqvae.VqVae;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reconstruction quality on held-out audio, per level: encode, decode, and compare with the input
 * by SI-SNR (dB, higher is better), mel L1 distance (mean |dB| difference of 80-band mel
 * spectrograms, lower is better) and spectral convergence (lower is better).
 */
public final class Validation {
    private Validation() {}

    /** Metrics over the first {@code maxSeconds} of each held-out track, averaged over tracks. */
    public static Map<String, Double> evaluate(VqVae model, List<TrainingAudio.Track> tracks, double maxSeconds) {
        int levels = model.config().levels();
        double[] sisnr = new double[levels];
        double[] mel = new double[levels];
        double[] sc = new double[levels];
        int sr = model.config().sampleRate();
        int hop = model.config().hopLength(levels - 1);
        MelParams melParams = new MelParams(sr, 1024, 256, 80, 0, sr / 2.0);
        for (TrainingAudio.Track track : tracks) {
            int n = (int) Math.min(track.samples().length, (long) (maxSeconds * sr)) / hop * hop;
            float[] x = java.util.Arrays.copyOf(track.samples(), n);
            int[][] codes = model.encode(x);
            double[][] melX = MelSpectrogram.of(x, melParams).toDb(DbScale.librosaDefaults());
            for (int level = 0; level < levels; level++) {
                float[] y = model.decode(codes[level], level);
                sisnr[level] += siSnr(x, y);
                mel[level] += meanAbsDiff(melX, MelSpectrogram.of(y, melParams).toDb(DbScale.librosaDefaults()));
                sc[level] += spectralConvergence(x, y, melParams);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int level = 0; level < levels; level++) {
            String l = "_l" + (level + 1);
            out.put("si_snr_db" + l, sisnr[level] / tracks.size());
            out.put("mel_l1_db" + l, mel[level] / tracks.size());
            out.put("spectral_convergence" + l, sc[level] / tracks.size());
        }
        return out;
    }

    /** Scale-invariant signal-to-noise ratio of {@code y} against {@code x}, in dB. */
    public static double siSnr(float[] x, float[] y) {
        double dot = 0;
        double energy = 0;
        for (int i = 0; i < x.length; i++) {
            dot += (double) x[i] * y[i];
            energy += (double) x[i] * x[i];
        }
        double alpha = energy == 0 ? 0 : dot / energy;
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < x.length; i++) {
            double s = alpha * x[i];
            signal += s * s;
            noise += (y[i] - s) * (y[i] - s);
        }
        return 10 * Math.log10((signal + 1e-12) / (noise + 1e-12));
    }

    private static double meanAbsDiff(double[][] a, double[][] b) {
        double sum = 0;
        long n = 0;
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[r].length; c++) {
                sum += Math.abs(a[r][c] - b[r][c]);
                n++;
            }
        }
        return sum / n;
    }

    /** {@code ||S(x) - S(y)||_F / ||S(x)||_F} of magnitude (not power) mel spectrograms. */
    private static double spectralConvergence(float[] x, float[] y, MelParams p) {
        double[][] sx = MelSpectrogram.of(x, p).power();
        double[][] sy = MelSpectrogram.of(y, p).power();
        double num = 0;
        double den = 0;
        for (int r = 0; r < sx.length; r++) {
            for (int c = 0; c < sx[r].length; c++) {
                double a = Math.sqrt(sx[r][c]);
                double b = Math.sqrt(sy[r][c]);
                num += (a - b) * (a - b);
                den += a * a;
            }
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), 2e-3);
    }
}
