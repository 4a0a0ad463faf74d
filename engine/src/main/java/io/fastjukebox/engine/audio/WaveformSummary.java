package io.fastjukebox.engine.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * A min / max / mean-absolute pyramid over a signal (Sonic Visualiser's range summaries), so a view
 * can draw any zoom level of a long clip by touching about two summary entries per pixel column
 * instead of every sample.
 *
 * <p>Level 0 summarises blocks of {@value #BASE_BLOCK} samples; each further level merges pairs of
 * blocks of the level below. A query picks the coarsest level whose blocks are no wider than one
 * column, and reads raw samples only when a column spans fewer than {@value #BASE_BLOCK} samples.
 */
public final class WaveformSummary {
    /** Samples per block at level 0. */
    public static final int BASE_BLOCK = 64;

    private final float[] samples;
    private final List<Level> levels = new ArrayList<>();

    /** One level: per block, the min, the max and the sum of absolute values. */
    private record Level(int blockSize, float[] min, float[] max, double[] absSum) {}

    private WaveformSummary(float[] samples) {
        this.samples = samples;
        Level level = baseLevel(samples);
        levels.add(level);
        while (level.min().length > 1) {
            level = merge(level);
            levels.add(level);
        }
    }

    /** Builds the pyramid; {@code samples} is kept by reference for the finest zoom levels. */
    public static WaveformSummary of(float[] samples) {
        return new WaveformSummary(samples);
    }

    /** Number of samples summarised. */
    public int length() {
        return samples.length;
    }

    /** Number of pyramid levels (for tests and diagnostics). */
    public int levelCount() {
        return levels.size();
    }

    /**
     * Summarises samples {@code [start, end)} into {@code columns} equal columns.
     * Columns past the end of the signal are all zero.
     */
    public Columns columns(long start, long end, int columns) {
        if (columns <= 0 || end <= start || start < 0) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ") over " + columns + " columns");
        }
        double span = (end - start) / (double) columns;
        Level level = null;
        for (Level l : levels) {
            if (l.blockSize() <= span) {
                level = l;
            }
        }
        Columns out = new Columns(new float[columns], new float[columns], new float[columns]);
        for (int c = 0; c < columns; c++) {
            long a = start + (long) Math.floor(c * span);
            long b = Math.min(samples.length, start + (long) Math.floor((c + 1) * span));
            if (a >= samples.length || b <= a) {
                continue;
            }
            if (level == null) {
                fromSamples(a, b, out, c);
            } else {
                fromLevel(level, a, b, out, c);
            }
        }
        return out;
    }

    /** Per-column minimum, maximum and mean absolute value. */
    public record Columns(float[] min, float[] max, float[] meanAbs) {}

    private void fromSamples(long a, long b, Columns out, int c) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double abs = 0;
        for (long i = a; i < b; i++) {
            float s = samples[(int) i];
            min = Math.min(min, s);
            max = Math.max(max, s);
            abs += Math.abs(s);
        }
        out.min()[c] = min;
        out.max()[c] = max;
        out.meanAbs()[c] = (float) (abs / (b - a));
    }

    private void fromLevel(Level level, long a, long b, Columns out, int c) {
        int first = (int) (a / level.blockSize());
        int last = (int) Math.min(level.min().length, (b + level.blockSize() - 1) / level.blockSize());
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double abs = 0;
        for (int k = first; k < last; k++) {
            min = Math.min(min, level.min()[k]);
            max = Math.max(max, level.max()[k]);
            abs += level.absSum()[k];
        }
        long covered = Math.min(samples.length, (long) last * level.blockSize()) - (long) first * level.blockSize();
        out.min()[c] = min;
        out.max()[c] = max;
        out.meanAbs()[c] = (float) (abs / covered);
    }

    private static Level baseLevel(float[] samples) {
        int blocks = Math.max(1, (samples.length + BASE_BLOCK - 1) / BASE_BLOCK);
        float[] min = new float[blocks];
        float[] max = new float[blocks];
        double[] abs = new double[blocks];
        for (int k = 0; k < blocks; k++) {
            int from = k * BASE_BLOCK;
            int to = Math.min(samples.length, from + BASE_BLOCK);
            float lo = from < to ? Float.POSITIVE_INFINITY : 0;
            float hi = from < to ? Float.NEGATIVE_INFINITY : 0;
            double sum = 0;
            for (int i = from; i < to; i++) {
                lo = Math.min(lo, samples[i]);
                hi = Math.max(hi, samples[i]);
                sum += Math.abs(samples[i]);
            }
            min[k] = lo;
            max[k] = hi;
            abs[k] = sum;
        }
        return new Level(BASE_BLOCK, min, max, abs);
    }

    private static Level merge(Level below) {
        int n = (below.min().length + 1) / 2;
        float[] min = new float[n];
        float[] max = new float[n];
        double[] abs = new double[n];
        for (int k = 0; k < n; k++) {
            int i = 2 * k;
            int j = Math.min(i + 1, below.min().length - 1);
            min[k] = Math.min(below.min()[i], below.min()[j]);
            max[k] = Math.max(below.max()[i], below.max()[j]);
            abs[k] = below.absSum()[i] + (j != i ? below.absSum()[j] : 0);
        }
        return new Level(below.blockSize() * 2, min, max, abs);
    }
}
