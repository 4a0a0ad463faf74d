package io.fastjukebox.engine.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WaveformSummaryTest {
    private static final float[] SIGNAL = noise(1_000_003, 3);

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {1, 7, 100, 1600, 15625, 100_000, 2_000_000})
    void everyColumnEqualsABruteForceScanOfItsSamples(int columns) {
        WaveformSummary summary = WaveformSummary.of(SIGNAL);
        Random rng = new Random(columns);
        for (int trial = 0; trial < 3; trial++) {
            long start = trial == 0 ? 0 : rng.nextInt(SIGNAL.length / 2);
            long end = trial == 0 ? SIGNAL.length : start + 1 + rng.nextInt(SIGNAL.length - (int) start - 1);
            assertMatchesBruteForce(summary.columns(start, end, columns), start, end, columns);
        }
    }

    private static void assertMatchesBruteForce(WaveformSummary.Columns got, long start, long end, int columns) {
        double span = (end - start) / (double) columns;
        for (int c = 0; c < columns; c += Math.max(1, columns / 97)) {
            long a = start + (long) Math.floor(c * span);
            long b = Math.min(SIGNAL.length, start + (long) Math.floor((c + 1) * span));
            if (b <= a) {
                continue;
            }
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            double abs = 0;
            for (long i = a; i < b; i++) {
                min = Math.min(min, SIGNAL[(int) i]);
                max = Math.max(max, SIGNAL[(int) i]);
                abs += Math.abs(SIGNAL[(int) i]);
            }
            assertEquals(min, got.min()[c], "min of column " + c);
            assertEquals(max, got.max()[c], "max of column " + c);
            assertEquals(abs / (b - a), got.meanAbs()[c], 1e-6, "mean |x| of column " + c);
        }
    }

    @Test
    void manyRandomRangesAndZoomsAreExact() {
        WaveformSummary summary = WaveformSummary.of(SIGNAL);
        Random rng = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            long start = rng.nextInt(SIGNAL.length - 2);
            long end = start + 1 + rng.nextInt(SIGNAL.length - (int) start - 1);
            int columns = 1 + rng.nextInt(2000);
            assertMatchesBruteForce(summary.columns(start, end, columns), start, end, columns);
        }
    }

    @Test
    void pyramidHasLogarithmicallyManyLevels() {
        WaveformSummary summary = WaveformSummary.of(SIGNAL);
        int blocks = (SIGNAL.length + 63) / 64;
        int expected = 1 + (int) Math.ceil(Math.log(blocks) / Math.log(2));
        assertEquals(expected, summary.levelCount());
    }

    @Test
    void columnsPastTheEndAreEmptyAndBadRangesAreRejected() {
        WaveformSummary summary = WaveformSummary.of(new float[] {0.5f, -0.25f});
        WaveformSummary.Columns c = summary.columns(0, 4, 4);
        assertEquals(0.5f, c.max()[0]);
        assertEquals(-0.25f, c.min()[1]);
        assertEquals(0f, c.max()[3]);
        assertThrows(IllegalArgumentException.class, () -> summary.columns(3, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> summary.columns(0, 10, 0));
        assertEquals(1, WaveformSummary.of(new float[0]).levelCount());
    }

    private static float[] noise(int n, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextGaussian() * 0.2 * Math.sin(i / 5000.0));
        }
        return x;
    }
}
