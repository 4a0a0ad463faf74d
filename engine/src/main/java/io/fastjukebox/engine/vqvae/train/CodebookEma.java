package io.fastjukebox.engine.vqvae.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * The exponential-moving-average codebook update with random restarts of
 * jukebox/vqvae/bottleneck.py ({@code init_k}, {@code update_k}; spec section 1.4). Codebooks are
 * learned only by this rule, never by gradients. Runs with autograd off on detached inputs.
 */
public final class CodebookEma {
    private final int bins;
    private final int width;
    private final double mu;
    private final double threshold;
    private NDArray kSum; // (K, D)
    private NDArray kElem; // (K,)

    /** Update statistics of one step. */
    public record Stats(int usedCodes, double perplexity, double codebookChange) {}

    public CodebookEma(int bins, int width, double mu, double threshold) {
        this.bins = bins;
        this.width = width;
        this.mu = mu;
        this.threshold = threshold;
    }

    /** Whether {@link #initialise} has run (the first training batch initialises the codebook). */
    public boolean initialised() {
        return kSum != null;
    }

    /** {@code init_k}: the codebook becomes random rows of {@code x} (M, D); counts start at one. */
    public NDArray initialise(NDArray x, NDManager owner, SplittableRandom rng) {
        NDArray k = randomRows(x, rng);
        kSum = k.duplicate();
        kSum.attach(owner);
        kElem = owner.ones(new Shape(bins), DataType.FLOAT32, x.getDevice());
        NDScope.unregister(kSum, kElem); // long-lived state: survives the step's scope
        return k;
    }

    /**
     * {@code update_k}: folds the batch's assignments into the running sums and returns the new
     * codebook, with codes whose running count fell below the threshold restarted at random rows.
     *
     * @param x detached vectors (M, D)
     * @param codes their codes (M,)
     * @param oldK the current codebook (K, D)
     */
    public NDArray update(NDArray x, NDArray codes, NDArray oldK, SplittableRandom rng, Stats[] statsOut) {
        NDArray onehot = codes.oneHot(bins).toType(DataType.FLOAT32, false); // (M, K)
        NDArray batchSum = onehot.transpose().matMul(x); // (K, M) x (M, D) -> (K, D)
        NDArray batchElem = onehot.sum(new int[] {0}); // (K,)
        NDArray rand = randomRows(x, rng); // (K, D)
        kSum.muli(mu).addi(batchSum.mul(1 - mu));
        kElem.muli(mu).addi(batchElem.mul(1 - mu));
        NDArray usage = kElem.gte(threshold).toType(DataType.FLOAT32, false).reshape(bins, 1); // (K, 1)
        NDArray k = kSum.div(kElem.reshape(bins, 1)).mul(usage).add(rand.mul(usage.neg().add(1)));

        NDArray p = batchElem.div(batchElem.sum()); // code distribution of this batch
        double entropy = -p.mul(p.add(1e-8).log()).sum().getFloat();
        double change = k.sub(oldK).norm().getFloat() / Math.sqrt((double) bins * width);
        statsOut[0] = new Stats((int) usage.sum().getFloat(), Math.exp(entropy), change);
        return k;
    }

    /** Running sums for a checkpoint: {@code (k_sum, k_elem)} as floats. */
    public float[][] state() {
        return new float[][] {kSum.toFloatArray(), kElem.toFloatArray()};
    }

    /** Restores {@link #state()}; the codebook counts as initialised afterwards. */
    public void restore(float[] sum, float[] elem, NDManager owner, ai.djl.Device device) {
        if (sum.length != bins * width || elem.length != bins) {
            throw new IllegalArgumentException("codebook EMA state has the wrong size");
        }
        kSum = owner.create(sum, new Shape(bins, width)).toDevice(device, false);
        kElem = owner.create(elem, new Shape(bins)).toDevice(device, false);
        NDScope.unregister(kSum, kElem);
    }

    /**
     * {@code _tile} + permutation: {@code bins} random rows of {@code x}; when x has fewer rows than
     * bins it is first repeated and jittered with Gaussian noise of std {@code 0.01 / sqrt(D)}.
     */
    private NDArray randomRows(NDArray x, SplittableRandom rng) {
        long rows = x.getShape().get(0);
        NDArray pool = x;
        if (rows < bins) {
            int reps = (int) ((bins + rows - 1) / rows);
            float[] noise = new float[(int) (reps * rows * width)];
            double std = 0.01 / Math.sqrt(width);
            java.util.Random gaussian = new java.util.Random(rng.nextLong());
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) (gaussian.nextGaussian() * std);
            }
            NDArray tiled = x.tile(new long[] {reps, 1}); // (reps*M, D)
            pool = tiled.add(x.getManager().create(noise, tiled.getShape()).toDevice(x.getDevice(), false));
            rows = reps * rows;
        }
        long[] pick = new long[bins];
        long[] perm = new long[(int) rows];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < bins; i++) { // partial Fisher-Yates: the first bins of a random permutation
            int j = i + rng.nextInt(perm.length - i);
            long t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
            pick[i] = perm[i];
        }
        NDArray idx = x.getManager().create(pick).toDevice(x.getDevice(), false);
        return pool.get(new NDIndex("{}", idx));
    }
}
