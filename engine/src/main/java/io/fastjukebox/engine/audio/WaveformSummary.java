package io.fastjukebox.engine.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * A min / max / mean-absolute pyramid over a signal (Sonic Visualiser's range summaries), so a view
 * can draw any zoom level of a long clip by touching about two summary entries per pixel column
 * instead of every sample.
 *
 * <p>Level 0 summarises blocks of {@value #BASE_BLOCK} samples; each further level merges pairs of
 * blocks of the level below. A column is covered by the largest whole blocks that fit inside it
 * plus at most {@value #BASE_BLOCK} raw samples at each end, so every column is exact and costs
 * O(levels + {@value #BASE_BLOCK}) reads however long the clip is.
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
     * Summarises samples {@code [start, end)} into {@code columns} equal columns, exactly: each
     * column's values are those of a scan over its samples. Columns past the end of the signal are
     * all zero.
     */
    public Columns columns(long start, long end, int columns) {
        if (columns <= 0 || end <= start || start < 0) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ") over " + columns + " columns");
        }
        double span = (end - start) / (double) columns;
        Columns out = new Columns(new float[columns], new float[columns], new float[columns]);
        for (int c = 0; c < columns; c++) {
            long a = start + (long) Math.floor(c * span);
            long b = Math.min(samples.length, start + (long) Math.floor((c + 1) * span));
            if (a >= samples.length || b <= a) {
                continue;
            }
            Range r = new Range();
            summarise(a, b, r);
            out.min()[c] = r.min;
            out.max()[c] = r.max;
            out.meanAbs()[c] = (float) (r.absSum / (b - a));
        }
        return out;
    }

    /** Per-column minimum, maximum and mean absolute value. */
    public record Columns(float[] min, float[] max, float[] meanAbs) {}

    /** Running min / max / sum of |x| of one column. */
    private static final class Range {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double absSum;

        void add(float lo, float hi, double abs) {
            min = Math.min(min, lo);
            max = Math.max(max, hi);
            absSum += abs;
        }
    }

    /**
     * Covers {@code [a, b)} with raw samples at the unaligned ends and, in between, with the
     * largest pyramid blocks that fit (as a segment tree does): at most two blocks per level.
     */
    private void summarise(long a, long b, Range r) {
        long headEnd = Math.min(b, ceilDiv(a, BASE_BLOCK) * BASE_BLOCK);
        addSamples(a, headEnd, r);
        long k = headEnd / BASE_BLOCK;
        long kEnd = Math.max(k, b / BASE_BLOCK);
        while (k < kEnd) {
            int level = 0;
            while (level + 1 < levels.size() && k % (1L << (level + 1)) == 0 && k + (1L << (level + 1)) <= kEnd) {
                level++;
            }
            Level l = levels.get(level);
            int index = (int) (k >> level);
            r.add(l.min()[index], l.max()[index], l.absSum()[index]);
            k += 1L << level;
        }
        addSamples(Math.max(headEnd, kEnd * BASE_BLOCK), b, r);
    }

    private void addSamples(long from, long to, Range r) {
        for (long i = from; i < to; i++) {
            float s = samples[(int) i];
            r.add(s, s, Math.abs(s));
        }
    }

    private static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
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
