package io.fastjukebox.engine.distill.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.audio.MelParams;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MelStatisticsTest {

    private static MelStatistics gaussian(double[] mean, double[][] cov) {
        return new MelStatistics(mean, cov, 100);
    }

    @Test
    void frechetDistanceOfDiagonalGaussiansIsMeanDistancePlusStandardDeviationDistance() {
        MelStatistics a = gaussian(new double[] {0, 0}, new double[][] {{4, 0}, {0, 9}});
        MelStatistics b = gaussian(new double[] {1, 2}, new double[][] {{1, 0}, {0, 1}});
        // |mu|^2 = 1 + 4; (2 - 1)^2 + (3 - 1)^2 = 5
        assertEquals(10, a.frechetDistance(b), 1e-9);
        assertEquals(10, b.frechetDistance(a), 1e-9);
        assertEquals(0, a.frechetDistance(a), 1e-9);
    }

    @Test
    void frechetDistanceOfRotatedAndOfNonCommutingCovariances() {
        double c = Math.cos(0.5);
        double s = Math.sin(0.5);
        // The same rotation of diag(4, 9) and diag(1, 16): (2 - 1)^2 + (3 - 4)^2 = 2
        MelStatistics a = gaussian(new double[] {0, 0}, rotated(c, s, 4, 9));
        MelStatistics b = gaussian(new double[] {0, 0}, rotated(c, s, 1, 16));
        assertEquals(2, a.frechetDistance(b), 1e-9);
        // diag(4, 1) and [[2, 1], [1, 3]] do not commute: M = S1^1/2 S2 S1^1/2 = [[8, 2], [2, 3]] and, for a 2 x 2
        // matrix, tr sqrt(M) = sqrt(tr M + 2 sqrt(det M)) = sqrt(11 + 2 sqrt(20))
        MelStatistics d = gaussian(new double[] {0, 0}, new double[][] {{4, 0}, {0, 1}});
        MelStatistics e = gaussian(new double[] {0, 0}, new double[][] {{2, 1}, {1, 3}});
        double expected = 5 + 5 - 2 * Math.sqrt(11 + 2 * Math.sqrt(20)); // 1.068200
        assertEquals(expected, d.frechetDistance(e), 1e-9);
        assertEquals(expected, e.frechetDistance(d), 1e-9);
    }

    @Test
    void jacobiRecomposesASymmetricMatrix() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 7;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = rng.nextDouble() - 0.5;
                a[j][i] = a[i][j];
            }
        }
        double[][] back = SymmetricEigen.of(a).apply(x -> x);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(a[i][j], back[i][j], 1e-12);
            }
        }
    }

    @Test
    void melStatisticsSeparateToneHeightsInOrder() {
        MelParams mel = MelStatistics.params(8000);
        MelStatistics a440 = MelStatistics.of(List.of(tone(440, 1), tone(440, 2)), mel);
        MelStatistics a450 = MelStatistics.of(List.of(tone(450, 3)), mel);
        MelStatistics a1500 = MelStatistics.of(List.of(tone(1500, 4)), mel);
        assertEquals(64, a440.mean().length);
        assertEquals(2 * mel.frames(8000), a440.frames());
        double near = a440.frechetDistance(a450);
        double far = a440.frechetDistance(a1500);
        assertTrue(near < far / 4, "440 vs 450 Hz: " + near + ", 440 vs 1500 Hz: " + far);
    }

    /** One second of a tone at 8 kHz with a little seeded noise. */
    private static float[] tone(double hz, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / 8000) + 0.01 * (rng.nextDouble() - 0.5));
        }
        return x;
    }

    private static double[][] rotated(double c, double s, double l1, double l2) {
        // R diag(l1, l2) R^T with R = [[c, -s], [s, c]]
        return new double[][] {{c * c * l1 + s * s * l2, c * s * (l1 - l2)}, {c * s * (l1 - l2), s * s * l1 + c * c * l2}};
    }
}
