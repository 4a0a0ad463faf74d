package io.fastjukebox.app.audioview;

import java.util.ArrayList;
import java.util.List;

/**
 * A mel spectrogram in dB with coarser copies (each level max-pools pairs of frames of the one
 * below), so any visible range renders by reading about one to two cells per pixel column, however
 * long the clip: the spectrogram's counterpart of the waveform's min/max pyramid.
 */
public final class MelPyramid {
    private final List<float[][]> levels = new ArrayList<>(); // level k: [band][frame / 2^k]
    private final double secondsPerFrame;

    /**
     * @param db {@code [band][frame]} in dB, band 0 the lowest
     * @param secondsPerFrame frame f is centred on {@code f * secondsPerFrame}
     */
    public MelPyramid(double[][] db, double secondsPerFrame) {
        this.secondsPerFrame = secondsPerFrame;
        float[][] base = new float[db.length][];
        for (int b = 0; b < db.length; b++) {
            base[b] = new float[db[b].length];
            for (int f = 0; f < db[b].length; f++) {
                base[b][f] = (float) db[b][f];
            }
        }
        levels.add(base);
        for (float[][] level = base; bands() > 0 && level[0].length > 1; ) {
            level = halve(level);
            levels.add(level);
        }
    }

    private static float[][] halve(float[][] in) {
        float[][] out = new float[in.length][(in[0].length + 1) / 2];
        for (int b = 0; b < in.length; b++) {
            for (int i = 0; i < out[b].length; i++) {
                int j = 2 * i;
                out[b][i] = j + 1 < in[b].length ? Math.max(in[b][j], in[b][j + 1]) : in[b][j];
            }
        }
        return out;
    }

    public int bands() {
        return levels.get(0).length;
    }

    public int frames() {
        return bands() == 0 ? 0 : levels.get(0)[0].length;
    }

    public double secondsPerFrame() {
        return secondsPerFrame;
    }

    /** The dB value of band {@code band} at frame {@code frame} (full resolution). */
    public float db(int band, int frame) {
        return levels.get(0)[band][frame];
    }

    /** Number of levels (for tests). */
    int levelCount() {
        return levels.size();
    }

    /**
     * The loudest value per band over each of {@code columns} equal parts of frames {@code [from, to)}:
     * {@code [band][column]}. Reads the level where a column covers at least one cell.
     */
    public float[][] columns(int from, int to, int columns) {
        if (from < 0 || to > frames() || to <= from || columns < 1) {
            throw new IllegalArgumentException("bad frame range [" + from + ", " + to + ") over " + columns + " columns");
        }
        double perColumn = (to - from) / (double) columns;
        int k = 0;
        while (k + 1 < levels.size() && (1 << (k + 1)) <= perColumn) {
            k++;
        }
        float[][] level = levels.get(k);
        float[][] out = new float[bands()][columns];
        for (int c = 0; c < columns; c++) {
            int a = (from + (int) Math.floor(c * perColumn)) >> k;
            int b = Math.max(a + 1, (from + (int) Math.ceil((c + 1) * perColumn) + (1 << k) - 1) >> k);
            b = Math.min(b, level[0].length);
            for (int band = 0; band < out.length; band++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int i = a; i < b; i++) {
                    max = Math.max(max, level[band][i]);
                }
                out[band][c] = max;
            }
        }
        return out;
    }
}
