package io.fastjukebox.engine.audio;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test signals and measurements shared by the audio tests. */
final class Signals {
    private Signals() {}

    static float[] sine(double hz, int rate, int n, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /**
     * Least-squares fit of {@code a cos + b sin + c} at frequency {@code hz} over {@code x[from, to)}.
     *
     * @return {amplitude, residual rms}: a wrong frequency leaves a large residual
     */
    static double[] fitSine(float[] x, int rate, double hz, int from, int to) {
        double[][] m = new double[3][3];
        double[] v = new double[3];
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * hz * i / rate;
            double[] basis = {Math.cos(w), Math.sin(w), 1};
            for (int r = 0; r < 3; r++) {
                v[r] += basis[r] * x[i];
                for (int c = 0; c < 3; c++) {
                    m[r][c] += basis[r] * basis[c];
                }
            }
        }
        double[] coef = solve3(m, v);
        double residual = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * hz * i / rate;
            double e = x[i] - (coef[0] * Math.cos(w) + coef[1] * Math.sin(w) + coef[2]);
            residual += e * e;
        }
        return new double[] {Math.hypot(coef[0], coef[1]), Math.sqrt(residual / (to - from))};
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /** A file under {@code src/test/resources/<relative>}. */
    static Path resource(String relative) {
        try {
            return Path.of(Signals.class.getResource("/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + relative, e);
        }
    }

    private static double[] solve3(double[][] a, double[] b) {
        double det = det3(a);
        double[] x = new double[3];
        for (int k = 0; k < 3; k++) {
            double[][] m = new double[3][];
            for (int r = 0; r < 3; r++) {
                m[r] = a[r].clone();
                m[r][k] = b[r];
            }
            x[k] = det3(m) / det;
        }
        return x;
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
