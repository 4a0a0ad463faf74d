package io.fastjukebox.engine.prior.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * VQ-VAE codes of a set of tracks, for prior training: {@code tracks.get(i)[level]} is track i's
 * codes at that level. Windows for an upsampler come with the aligned codes of the level above.
 */
public final class CodeCorpus {
    private final List<int[][]> train;
    private final List<int[][]> heldOut;

    /** One training window: codes (n_ctx) and, for upsamplers, the upper level's codes (n_ctx / upsampling). */
    public record Window(int[] codes, int[] upper) {}

    /** Windows stacked for one step: codes (N, n_ctx) and, for upsamplers, upper codes (N, n_ctx / upsampling), else null. */
    public record Batch(int[][] codes, int[][] upper) {
        /** The windows as one batch. */
        public static Batch of(List<Window> windows) {
            int[][] codes = new int[windows.size()][];
            int[][] upper = windows.get(0).upper() == null ? null : new int[windows.size()][];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = windows.get(i).codes();
                if (upper != null) {
                    upper[i] = windows.get(i).upper();
                }
            }
            return new Batch(codes, upper);
        }
    }

    public CodeCorpus(List<int[][]> tracks, int holdOutEvery) {
        List<int[][]> t = new ArrayList<>();
        List<int[][]> h = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            boolean hold = holdOutEvery > 0 && tracks.size() > 1 && i % holdOutEvery == holdOutEvery - 1;
            (hold ? h : t).add(tracks.get(i));
        }
        this.train = List.copyOf(t);
        this.heldOut = List.copyOf(h);
    }

    public List<int[][]> train() {
        return train;
    }

    public List<int[][]> heldOut() {
        return heldOut;
    }

    /**
     * A random window of {@code nCtx} codes at {@code level} from the training tracks (chosen by length),
     * starting at a multiple of {@code upsampling} so the upper codes align; {@code upsampling} 0 means
     * a top prior (no upper codes).
     */
    public Window window(SplittableRandom rng, int level, int nCtx, int upsampling) {
        return window(train, rng, level, nCtx, upsampling);
    }

    /**
     * The training windows of step {@code step} (1-based): drawn from a generator seeded by (seed, step) only,
     * so a resumed run sees the same batches as an uninterrupted one.
     */
    public Batch batch(long seed, long step, int size, int level, int nCtx, int upsampling) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (step + 1) * 0xBF58476D1CE4E5B9L);
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            windows.add(window(rng, level, nCtx, upsampling));
        }
        return Batch.of(windows);
    }

    /** Non-overlapping windows of {@code nCtx} codes at {@code level} the training tracks hold (what one epoch covers). */
    public long windowCount(int level, int nCtx) {
        long n = 0;
        for (int[][] t : train) {
            n += t[level].length / nCtx;
        }
        return n;
    }

    static Window window(List<int[][]> tracks, SplittableRandom rng, int level, int nCtx, int upsampling) {
        long total = 0;
        for (int[][] t : tracks) {
            total += Math.max(0, t[level].length - nCtx + 1);
        }
        if (total == 0) {
            throw new IllegalStateException("no track has " + nCtx + " codes at level " + level);
        }
        long pick = (long) (rng.nextDouble() * total);
        for (int[][] t : tracks) {
            int starts = Math.max(0, t[level].length - nCtx + 1);
            if (pick < starts) {
                int step = Math.max(1, upsampling);
                int start = (int) (pick / step * step);
                int[] codes = java.util.Arrays.copyOfRange(t[level], start, start + nCtx);
                int[] upper = upsampling == 0 ? null
                        : java.util.Arrays.copyOfRange(t[level + 1], start / upsampling, (start + nCtx) / upsampling);
                return new Window(codes, upper);
            }
            pick -= starts;
        }
        throw new IllegalStateException("unreachable");
    }
}
