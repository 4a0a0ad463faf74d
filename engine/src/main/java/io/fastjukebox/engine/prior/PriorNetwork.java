package io.fastjukebox.engine.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.fastjukebox.engine.nn.ParameterSet;
import io.fastjukebox.engine.prior.attention.AttentionPattern;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The teacher-forced forward pass of ConditionalAutoregressive2D (spec section 2.2) over a whole
 * window: every layer's factored attention is dense attention under its pattern's mask.
 *
 * <p>Legend: N batch, T positions (at most n_ctx), W width, H heads, V vocabulary.
 */
final class PriorNetwork {
    private final PriorConfig config;
    private final ParameterSet params;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final Map<AttentionPattern, NDArray> masks = new EnumMap<>(AttentionPattern.class);
    private final Map<AttentionPattern, NDArray> anyKey = new EnumMap<>(AttentionPattern.class);

    /** Logits and, when asked for, the residual stream before each layer and after the last, and each layer's attention. */
    record Output(NDArray logits, List<NDArray> hidden, List<NDArray> attention) {}

    PriorNetwork(PriorConfig config, ParameterSet params, NDManager manager) {
        this.config = config;
        this.params = params;
        for (int i = 0; i < config.depth(); i++) {
            layers.add(new TransformerLayer(config, params, i));
            AttentionPattern p = config.pattern(i);
            if (!masks.containsKey(p)) {
                int n = config.nCtx();
                float[] mask = p.mask(n, config.blockCtx());
                float[] any = new float[n];
                for (int q = 0; q < n; q++) {
                    for (int k = 0; k < n && any[q] == 0; k++) {
                        any[q] = mask[q * n + k];
                    }
                }
                masks.put(p, manager.create(mask, new Shape(n, n)));
                anyKey.put(p, manager.create(any, new Shape(n, 1)));
            }
        }
    }

    NDArray param(String name) {
        return params.get(name);
    }

    TransformerLayer layer(int i) {
        return layers.get(i);
    }

    /**
     * @param tokens (N, T) int64 codes; position t is predicted from tokens before t
     * @param xCond (N, T, W) conditioning from the level above, or null for a top prior
     */
    Output forward(NDArray tokens, NDArray xCond, boolean keepHidden, boolean keepAttention) {
        long n = tokens.getShape().get(0);
        int t = (int) tokens.getShape().get(1);
        NDArray h = embed(tokens, xCond); // (N, T, W)
        List<NDArray> hidden = new ArrayList<>();
        List<NDArray> attention = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (keepHidden) {
                hidden.add(h);
            }
            TransformerLayer layer = layers.get(i);
            NDArray[] a = attend(layer, config.pattern(i), layer.layerNorm(h, "ln_0"), t);
            if (keepAttention) {
                attention.add(a[1]);
            }
            NDArray x = h.add(a[0]);
            h = x.add(layer.mlp(x));
        }
        if (keepHidden) {
            hidden.add(h);
        }
        if (xCond != null && !config.mergedDecoder()) {
            h = h.add(xCond);
        }
        NDArray logits = h.matMul(outputWeight().transpose()); // (N, T, W) x (W, V) -> (N, T, V)
        return new Output(logits, hidden, attention);
    }

    NDArray outputWeight() {
        return params.get(config.mergedDecoder() ? PriorLayout.TIED_OUTPUT : PriorLayout.X_EMB); // (V, W)
    }

    /** Token embeddings shifted right by one with the start token at position 0, plus positions and conditioning. */
    NDArray embed(NDArray tokens, NDArray xCond) {
        long n = tokens.getShape().get(0);
        long t = tokens.getShape().get(1);
        NDArray start = params.get(PriorLayout.START_TOKEN).expandDims(0).repeat(0, n); // (1, W) -> (N, 1, W)
        NDArray h = start;
        if (t > 1) {
            NDArray previous = tokens.get(new NDIndex(":, 0:" + (t - 1))).reshape(n * (t - 1)); // (N, T-1) -> (N*(T-1))
            NDArray emb = params.get(PriorLayout.X_EMB).get(new NDIndex("{}", previous)).reshape(n, t - 1, config.width());
            h = start.concat(emb, 1); // (N, T, W)
        }
        h = h.add(params.get(PriorLayout.POS_EMB).get(new NDIndex("0:" + t))); // + (T, W)
        return xCond == null ? h : h.add(xCond);
    }

    /** Masked attention of one layer: {output (N, T, W), weights (N, H, T, T)}. */
    private NDArray[] attend(TransformerLayer layer, AttentionPattern pattern, NDArray normed, int t) {
        NDList qkv = layer.qkv(normed);
        NDArray q = layer.splitHeads(qkv.get(0)); // (N, H, T, D)
        NDArray k = layer.splitHeads(qkv.get(1));
        NDArray v = layer.splitHeads(qkv.get(2));
        NDArray mask = masks.get(pattern).get(new NDIndex("0:" + t + ", 0:" + t)); // (T, T)
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul((float) (1 / Math.sqrt(config.headDim()))); // (N, H, T, T)
        scores = scores.mul(mask).add(mask.sub(1f).mul(1e9f)); // masked logits become -1e9, as Jukebox
        NDArray weights = scores.softmax(-1);
        if (pattern == AttentionPattern.PREVIOUS_ROW) {
            weights = weights.mul(anyKey.get(pattern).get(new NDIndex("0:" + t))); // block 0 sees only zeros
        }
        NDArray out = layer.mergeHeads(weights.matMul(v)); // (N, H, T, D) -> (N, T, S)
        return new NDArray[] {layer.conv1d(out, "attn.c_proj"), weights};
    }
}
