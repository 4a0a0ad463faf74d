package io.fastjukebox.engine.vqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.fastjukebox.engine.nn.ParameterSet;
import io.fastjukebox.engine.runtime.EngineRuntime;

/**
 * A Jukebox hierarchical VQ-VAE: audio to discrete codes at every level and codes back to audio.
 *
 * <p>Encoding and decoding run in chunks along time with enough context on each side (the
 * networks' receptive field) that the result equals one pass over the whole clip, so minutes of
 * audio need only a chunk's worth of memory.
 */
public final class VqVae implements AutoCloseable {
    /** Default chunk length in samples (about 12 s at 22.05 kHz). */
    public static final int DEFAULT_CHUNK_SAMPLES = 1 << 18;

    private final VqVaeConfig config;
    private final ParameterSet params;
    private final NDManager manager;
    private final VqVaeNetwork network;
    private final Bottleneck bottleneck;

    private VqVae(VqVaeConfig config, NDManager manager, ParameterSet params) {
        this.config = config;
        this.manager = manager;
        this.params = params;
        this.network = new VqVaeNetwork(config, params);
        this.bottleneck = new Bottleneck(params);
    }

    /** A new model with PyTorch's default initialisation from {@code seed}, on the engine's default device. */
    public static VqVae initialise(VqVaeConfig config, long seed) {
        NDManager manager = EngineRuntime.engine().newBaseManager();
        return new VqVae(config, manager, ParameterSet.initialise(manager, VqVaeLayout.specs(config), seed));
    }

    public VqVaeConfig config() {
        return config;
    }

    /** The manager owning the model (for tensors that should live as long as it, on its device). */
    public NDManager manager() {
        return manager;
    }

    /** The tensors, by official state-dict name. */
    public ParameterSet parameters() {
        return params;
    }

    /** Codes of one mono clip at every level: {@code codes[level]} has {@code samples / hop(level)} entries. */
    public int[][] encode(float[] audio) {
        return encode(audio, DEFAULT_CHUNK_SAMPLES);
    }

    /** {@link #encode(float[])} with an explicit chunk length in samples. */
    public int[][] encode(float[] audio, int chunkSamples) {
        int[][][] batch = encode(new float[][] {audio}, chunkSamples);
        int[][] codes = new int[batch.length][];
        for (int l = 0; l < batch.length; l++) {
            codes[l] = batch[l][0];
        }
        return codes;
    }

    /**
     * Codes of several clips of equal length, encoded together: {@code codes[level][clip]}.
     *
     * @param chunkSamples chunk length in samples (memory is bounded by clips x chunk)
     */
    public int[][][] encode(float[][] clips, int chunkSamples) {
        for (float[] clip : clips) {
            if (clip.length != clips[0].length) {
                throw new IllegalArgumentException("clips encoded together must have the same length: "
                        + clip.length + " vs " + clips[0].length);
            }
        }
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false); // inference: never build an autograd graph, even while training
        try {
            int[][][] codes = new int[config.levels()][][];
            for (int level = 0; level < config.levels(); level++) {
                codes[level] = encodeLevel(clips, level, chunkSamples);
            }
            return codes;
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /** Audio decoded from the codes of one level: {@code codes.length * hop(level)} samples. */
    public float[] decode(int[] codes, int level) {
        return decode(codes, level, DEFAULT_CHUNK_SAMPLES);
    }

    /** {@link #decode(int[], int)} with an explicit chunk length in samples. */
    public float[] decode(int[] codes, int level, int chunkSamples) {
        return decode(new int[][] {codes}, level, chunkSamples)[0];
    }

    /** Audio of several code sequences of equal length at one level, decoded together. */
    public float[][] decode(int[][] codes, int level, int chunkSamples) {
        checkLevel(level);
        for (int[] clip : codes) {
            if (clip.length != codes[0].length) {
                throw new IllegalArgumentException("code sequences decoded together must have the same length: "
                        + clip.length + " vs " + codes[0].length);
            }
            for (int i = 0; i < clip.length; i++) {
                if (clip[i] < 0 || clip[i] >= config.lBins()) {
                    throw new IllegalArgumentException("code " + clip[i] + " at position " + i + " of level " + level
                            + " is outside the codebook [0, " + config.lBins() + ")");
                }
            }
        }
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return decodeChunks(codes, level, chunkSamples);
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    private float[][] decodeChunks(int[][] codes, int level, int chunkSamples) {
        int n = codes.length;
        int length = codes[0].length;
        int hop = config.hopLength(level);
        int chunk = Math.max(1, chunkSamples / hop);
        int margin = (int) Math.ceil(ReceptiveField.decoderRadius(config, level) / (double) hop) + 1;
        float[][] out = new float[n][length * hop];
        for (int start = 0; start < length; start += chunk) {
            int end = Math.min(length, start + chunk);
            int from = Math.max(0, start - margin);
            int to = Math.min(length, end + margin);
            int w = to - from;
            try (NDManager m = manager.newSubManager()) {
                int[] window = new int[n * w];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(codes[i], from, window, i * w, w);
                }
                NDArray z = m.create(window, new Shape(n, w)).toType(DataType.INT64, false);
                float[] audio = network.decode(bottleneck.dequantise(z, level), level).toFloatArray(); // (N, 1, w*hop)
                for (int i = 0; i < n; i++) {
                    System.arraycopy(audio, i * w * hop + (start - from) * hop, out[i], start * hop, (end - start) * hop);
                }
            }
        }
        return out;
    }

    private int[][] encodeLevel(float[][] clips, int level, int chunkSamples) {
        checkLevel(level);
        int n = clips.length;
        int samples = clips[0].length;
        int hop = config.hopLength(level);
        int tokens = samples / hop;
        int chunk = Math.max(1, chunkSamples / hop);
        int margin = (int) Math.ceil(ReceptiveField.encoderRadius(config, level) / (double) hop) + 1;
        int[][] codes = new int[n][tokens];
        for (int start = 0; start < tokens; start += chunk) {
            int end = Math.min(tokens, start + chunk);
            int from = Math.max(0, start - margin);
            // In samples: the window may include the clip's last partial code, which the full pass also sees.
            int toSample = (int) Math.min(samples, (long) (end + margin) * hop);
            int w = toSample - from * hop;
            try (NDManager m = manager.newSubManager()) {
                float[] window = new float[n * w];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(clips[i], from * hop, window, i * w, w);
                }
                NDArray x = m.create(window, new Shape(n, 1, w));
                long[] z = bottleneck.quantise(network.encode(x, level), level).toLongArray(); // (N, w / hop)
                int perClip = z.length / n;
                for (int i = 0; i < n; i++) {
                    for (int t = start; t < end; t++) {
                        codes[i][t] = (int) z[i * perClip + t - from];
                    }
                }
            }
        }
        return codes;
    }

    /** Continuous encoder output (N, D, T_e) of audio (N, 1, T), for training and tests. */
    public NDArray encodeContinuous(NDArray audio, int level) {
        return network.encode(audio, level);
    }

    /** Codes (N, T_e) of continuous vectors (N, D, T_e). */
    public NDArray quantise(NDArray x, int level) {
        return bottleneck.quantise(x, level);
    }

    /** Audio (N, 1, T) from code vectors (N, D, T_e). */
    public NDArray decodeContinuous(NDArray x, int level) {
        return network.decode(x, level);
    }

    /** Code vectors (N, D, T_e) of codes (N, T_e). */
    public NDArray dequantise(NDArray codes, int level) {
        return bottleneck.dequantise(codes, level);
    }

    private void checkLevel(int level) {
        if (level < 0 || level >= config.levels()) {
            throw new IllegalArgumentException("level " + level + " does not exist (levels 0.." + (config.levels() - 1) + ")");
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
