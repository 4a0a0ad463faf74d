package io.fastjukebox.engine.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.fastjukebox.engine.nn.ParameterSet;
import io.fastjukebox.engine.runtime.EngineRuntime;

/**
 * A Jukebox prior: a top-level prior p(z_top) or an upsampler p(z_l | z_{l+1}) over one level's codes.
 * Unconditional (a learned start token); upsamplers add their conditioner's view of the level above
 * before and (unless merged_decoder) after the transformer.
 */
public final class Prior implements AutoCloseable {
    private final PriorConfig config;
    private final NDManager manager;
    private final ParameterSet params;
    private final PriorNetwork network;
    private final Conditioner conditioner;
    private final IncrementalForward incremental;

    private Prior(PriorConfig config, NDManager manager, ParameterSet params) {
        this.config = config;
        this.manager = manager;
        this.params = params;
        this.network = new PriorNetwork(config, params, manager);
        this.conditioner = config.isUpsampler() ? new Conditioner(config, params) : null;
        this.incremental = new IncrementalForward(config, network);
    }

    /** A new prior initialised as Jukebox does, from {@code seed}, on the engine's default device. */
    public static Prior initialise(PriorConfig config, long seed) {
        NDManager manager = EngineRuntime.engine().newBaseManager();
        return new Prior(config, manager, ParameterSet.initialise(manager, PriorLayout.specs(config), seed));
    }

    public PriorConfig config() {
        return config;
    }

    public ParameterSet parameters() {
        return params;
    }

    public NDManager manager() {
        return manager;
    }

    PriorNetwork network() {
        return network;
    }

    /** The conditioning (N, T, W) from upper-level codes (N, T / upsampling); null for a top prior. */
    public NDArray conditioning(NDArray upperCodes) {
        if (conditioner == null) {
            if (upperCodes != null) {
                throw new IllegalArgumentException("a top-level prior takes no upper-level codes");
            }
            return null;
        }
        if (upperCodes == null) {
            throw new IllegalArgumentException("an upsampler needs the codes of the level above");
        }
        return conditioner.forward(upperCodes);
    }

    /**
     * Teacher-forced forward over a window: logits (N, T, V) for codes (N, T) int64, optionally with
     * the residual stream before every layer and after the last (depth + 1 arrays of (N, T, W)) and
     * every layer's attention weights (N, H, T, T).
     */
    public Forward forward(NDArray codes, NDArray upperCodes, boolean keepHidden, boolean keepAttention) {
        if (codes.getShape().get(1) > config.nCtx()) {
            throw new IllegalArgumentException("window of " + codes.getShape().get(1) + " codes exceeds n_ctx " + config.nCtx());
        }
        NDArray xCond = conditioning(upperCodes);
        PriorNetwork.Output out = network.forward(codes, xCond, keepHidden, keepAttention);
        return new Forward(out.logits(), out.hidden(), out.attention());
    }

    /** A new, empty sampling cache for {@code batch} sequences of one window. */
    public KvCache newCache(int batch) {
        return new KvCache(config, batch, manager);
    }

    /**
     * Logits (N, c, V) of the next {@code c} positions, reading and extending {@code cache}: one token
     * while sampling, a chunk while priming (Jukebox's {@code sample=True} forward).
     *
     * @param inputs (N, c) int64 codes at the positions before each new one (ignored at position 0)
     * @param xCond (N, c, W) conditioning of the new positions (a slice of {@link #conditioning}), or null
     */
    public NDArray step(KvCache cache, NDArray inputs, NDArray xCond) {
        if (config.isUpsampler() != (xCond != null)) {
            throw new IllegalArgumentException(config.isUpsampler() ? "an upsampler needs conditioning"
                    : "a top-level prior takes no conditioning");
        }
        return incremental.forward(cache, inputs, xCond);
    }

    /** Log-probability (N, T) of each code (N, T) int64 under logits (N, T, V), in nats. */
    public static NDArray logProbabilities(NDArray logits, NDArray codes) {
        int bins = (int) logits.getShape().get(2);
        return logits.logSoftmax(-1).mul(codes.oneHot(bins)).sum(new int[] {-1});
    }

    /** Results of {@link #forward}. */
    public record Forward(NDArray logits, java.util.List<NDArray> hidden, java.util.List<NDArray> attention) {}

    /** Logits {@code [n][t][v]} of Java code arrays (convenience for tests and scoring). */
    public float[][][] logits(int[][] codes, int[][] upperCodes) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = manager.newSubManager()) {
            NDArray z = toCodes(m, codes);
            NDArray upper = upperCodes == null ? null : toCodes(m, upperCodes);
            float[] flat = forward(z, upper, false, false).logits().toFloatArray();
            int n = codes.length;
            int t = codes[0].length;
            float[][][] out = new float[n][t][config.bins()];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < t; j++) {
                    System.arraycopy(flat, (i * t + j) * config.bins(), out[i][j], 0, config.bins());
                }
            }
            return out;
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /** (N, T) int64 codes from Java rows of equal length. */
    public static NDArray toCodes(NDManager m, int[][] codes) {
        int n = codes.length;
        int t = codes[0].length;
        int[] flat = new int[n * t];
        for (int i = 0; i < n; i++) {
            if (codes[i].length != t) {
                throw new IllegalArgumentException("code rows differ in length: " + codes[i].length + " vs " + t);
            }
            System.arraycopy(codes[i], 0, flat, i * t, t);
        }
        return m.create(flat, new Shape(n, t)).toType(DataType.INT64, false);
    }

    @Override
    public void close() {
        manager.close();
    }
}
