package io.fastjukebox.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.prior.KvCache;
import io.fastjukebox.engine.prior.Prior;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * Samples one window of codes with a prior (Jukebox's {@code sample} / {@code primed_sample}): the
 * known prefix is fed through the cache in chunks, then tokens are drawn one at a time. Runs with
 * autograd off on the calling thread (a new thread starts with it on, which would leak memory
 * through the cache), and each step's temporaries are freed at once.
 *
 * <p>Each sequence of the batch draws from its own generator seeded by (seed, index), so a
 * sequence's tokens do not depend on how many are sampled together.
 */
public final class WindowSampler {

    /** Progress of one window. */
    @FunctionalInterface
    public interface Listener {
        void onTokens(int sampled, int toSample);
    }

    private WindowSampler() {}

    /**
     * @param prime (N, P) codes already in the window (P may be 0)
     * @param length tokens the window ends with, {@code P <= length <= n_ctx}
     * @param upper (N, length / upsampling) codes of the level above, for an upsampler; else null
     * @param chunkSize positions per priming chunk
     * @return (N, length): the prime followed by the sampled codes
     * @throws CancellationException when {@code cancel} is set; the window is then abandoned
     */
    public static int[][] sample(Prior prior, int[][] prime, int length, int[][] upper, SamplingParams params,
            int chunkSize, CancellationToken cancel, Listener listener) {
        long[] streams = new long[prime.length];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = params.seed() * 0x9E3779B97F4A7C15L + i;
        }
        return sample(prior, prime, length, upper, params, streams, chunkSize, cancel, listener);
    }

    /**
     * As {@link #sample(Prior, int[][], int, int[][], SamplingParams, int, CancellationToken, Listener)}, with
     * row {@code i} drawing from a generator seeded by {@code streams[i]} (the seed of {@code params} is
     * then unused): a caller that derives the streams from what a row is (seed, level, window, candidate)
     * gets the same tokens however rows are batched, and after a resume.
     */
    public static int[][] sample(Prior prior, int[][] prime, int length, int[][] upper, SamplingParams params,
            long[] streams, int chunkSize, CancellationToken cancel, Listener listener) {
        int n = prime.length;
        if (streams.length != n) {
            throw new IllegalArgumentException(streams.length + " random streams for " + n + " sequences");
        }
        int p = n == 0 ? 0 : prime[0].length;
        if (n == 0 || p > length || length > prior.config().nCtx()) {
            throw new IllegalArgumentException("cannot sample a window of " + length + " tokens with a prime of " + p
                    + " for " + n + " sequences (n_ctx " + prior.config().nCtx() + ")");
        }
        int[][] out = new int[n][length];
        SplittableRandom[] rng = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(prime[i], 0, out[i], 0, p);
            rng[i] = new SplittableRandom(streams[i]);
        }
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = prior.manager().newSubManager(); KvCache cache = prior.newCache(n)) {
            NDArray xCond = upper == null ? null : prior.conditioning(Prior.toCodes(m, upper));
            if (xCond != null) {
                xCond = xCond.get(new NDIndex().addAllDim().addSliceDim(0, length));
            }
            // Priming: positions 0..P-1 take inputs (start, z_0 .. z_{P-2}); their logits are not needed.
            for (int start = 0; start < p; start += chunkSize) {
                if (cancel.isCancelled()) {
                    throw new CancellationException("sampling cancelled while priming at token " + start + " of " + p);
                }
                int end = Math.min(p, start + chunkSize);
                try (NDScope scope = new NDScope()) {
                    prior.step(cache, Prior.toCodes(m, inputs(out, start, end)), slice(xCond, start, end));
                }
            }
            long[] previous = new long[n]; // the inputs of one step, reused
            for (int t = p; t < length; t++) {
                if (cancel.isCancelled()) {
                    throw new CancellationException("sampling cancelled at token " + t + " of " + length);
                }
                for (int i = 0; i < n; i++) {
                    previous[i] = t == 0 ? 0 : out[i][t - 1];
                }
                float[] logits;
                try (NDScope scope = new NDScope()) {
                    NDArray inputs = m.create(previous, new Shape(n, 1)); // int64 at once: one op
                    logits = prior.step(cache, inputs, slice(xCond, t, t + 1)).toFloatArray();
                }
                int bins = logits.length / n;
                for (int i = 0; i < n; i++) {
                    float[] row = n == 1 ? logits : java.util.Arrays.copyOfRange(logits, i * bins, (i + 1) * bins);
                    out[i][t] = TokenSampler.sample(row, params, rng[i]);
                }
                listener.onTokens(t - p + 1, length - p);
            }
            return out;
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /** The inputs of positions [start, end): the code before each (0 at position 0, where the start token is used). */
    private static int[][] inputs(int[][] codes, int start, int end) {
        int[][] in = new int[codes.length][end - start];
        for (int i = 0; i < codes.length; i++) {
            for (int t = start; t < end; t++) {
                in[i][t - start] = t == 0 ? 0 : codes[i][t - 1];
            }
        }
        return in;
    }

    /** Positions [start, end) of the conditioning (N, T, W): a view, one native call (no index parsing). */
    private static NDArray slice(NDArray xCond, int start, int end) {
        return xCond == null ? null : JniUtils.slice((PtNDArray) xCond, 1, start, end, 1);
    }
}
