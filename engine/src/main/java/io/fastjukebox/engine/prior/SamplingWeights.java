package io.fastjukebox.engine.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * The prior's weights as the incremental forward uses them, gathered once per sampling session
 * ({@link KvCache}) so a step runs plain matrix products with no transposes, index parsing or
 * scalar-array creation:
 * <ul>
 *   <li>Jukebox Conv1D weights keep their (in, out) layout ({@code x . w + b}); q and [k | v] are
 *       column views of {@code c_attn.w}, so [k | v] is written to the cache as one row;
 *   <li>quick-GELU's 1.702 is folded into LayerNorm 1 and the c_fc bias (u' = 1.702 u, and
 *       u sigmoid(1.702 u) = u' sigmoid(u') / 1.702), leaving one in-place scaling by 1/1.702;
 *   <li>the attention scale 1/sqrt(D) and 1/1.702 are one-element arrays for in-place products.
 * </ul>
 * Matrices are views of the parameters, never copies (a sampling session of a large prior must not
 * double its memory); only width-sized vectors are derived. Built when a session starts, so weights
 * changed by training between sampling runs are picked up; owned (and freed) by the session.
 */
final class SamplingWeights {
    static final float GELU_SCALE = 1.702f;

    /** One layer's tensors. */
    record Layer(NDArray ln0Weight, NDArray ln0Bias, NDArray qWeight, NDArray qBias, NDArray kvWeight, NDArray kvBias,
            NDArray projWeight, NDArray projBias, NDArray ln1Weight, NDArray ln1Bias, NDArray fcWeight, NDArray fcBias,
            NDArray mlpProjWeight, NDArray mlpProjBias) {}

    final Layer[] layers;
    /** (V, W) token embeddings. */
    final NDArray tokenEmbedding;
    /** (n_ctx, W) position embeddings. */
    final NDArray positionEmbedding;
    /** (1, W) start token. */
    final NDArray startToken;
    /** (W, V) view of the output embedding: logits = h . outputWeight. */
    final NDArray outputWeight;
    /** (1) 1/sqrt(D), for q. */
    final NDArray attentionScale;
    /** (1) 1/1.702, for the MLP's projection. */
    final NDArray geluUnscale;
    /** (W) width shape for LayerNorm. */
    final Shape widthShape;

    private SamplingWeights(Layer[] layers, NDArray tokenEmbedding, NDArray positionEmbedding, NDArray startToken,
            NDArray outputWeight, NDArray attentionScale, NDArray geluUnscale, Shape widthShape) {
        this.layers = layers;
        this.tokenEmbedding = tokenEmbedding;
        this.positionEmbedding = positionEmbedding;
        this.startToken = startToken;
        this.outputWeight = outputWeight;
        this.attentionScale = attentionScale;
        this.geluUnscale = geluUnscale;
        this.widthShape = widthShape;
    }

    /** Gathers the weights from the network's current parameters; derived arrays and views go to {@code manager}. */
    static SamplingWeights build(PriorConfig config, PriorNetwork network, NDManager manager) {
        int s = config.nState();
        List<NDArray> derived = new ArrayList<>();
        Layer[] layers = new Layer[config.depth()];
        NDArray output;
        NDArray scale;
        NDArray unscale;
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false); // derived arrays must not hold on to a training graph
        try (NDScope scope = new NDScope()) { // frees the intermediates; the kept arrays are unregistered below
            for (int i = 0; i < layers.length; i++) {
                TransformerLayer layer = network.layer(i);
                NDArray cw = layer.param("attn.c_attn.w"); // (W, 3S): q | k | v
                NDArray cb = layer.param("attn.c_attn.b");
                NDArray qw = keep(derived, cw.get(new NDIndex().addAllDim().addSliceDim(0, s))); // (W, S) view
                NDArray qb = keep(derived, cb.get(new NDIndex().addSliceDim(0, s)));
                NDArray kvw = keep(derived, cw.get(new NDIndex().addAllDim().addSliceDim(s, 3 * s))); // (W, 2S) view
                NDArray kvb = keep(derived, cb.get(new NDIndex().addSliceDim(s, 3 * s)));
                NDArray ln1w = keep(derived, layer.param("ln_1.weight").mul(GELU_SCALE));
                NDArray ln1b = keep(derived, layer.param("ln_1.bias").mul(GELU_SCALE));
                NDArray fb = keep(derived, layer.param("mlp.c_fc.b").mul(GELU_SCALE));
                layers[i] = new Layer(layer.param("ln_0.weight"), layer.param("ln_0.bias"), qw, qb, kvw, kvb,
                        layer.param("attn.c_proj.w"), layer.param("attn.c_proj.b"), ln1w, ln1b, layer.param("mlp.c_fc.w"), fb,
                        layer.param("mlp.c_proj.w"), layer.param("mlp.c_proj.b"));
            }
            output = keep(derived, network.outputWeight().transpose()); // (W, V) view
            scale = keep(derived, manager.create(new float[] {(float) (1 / Math.sqrt(config.headDim()))}));
            unscale = keep(derived, manager.create(new float[] {1 / GELU_SCALE}));
            for (NDArray a : derived) {
                NDScope.unregister(a);
                a.attach(manager);
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        return new SamplingWeights(layers, network.param(PriorLayout.X_EMB), network.param(PriorLayout.POS_EMB),
                network.param(PriorLayout.START_TOKEN), output, scale, unscale, new Shape(config.width()));
    }

    private static NDArray keep(List<NDArray> kept, NDArray a) {
        kept.add(a);
        return a;
    }
}
