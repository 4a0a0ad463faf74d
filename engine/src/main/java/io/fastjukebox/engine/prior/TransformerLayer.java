package io.fastjukebox.engine.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import io.fastjukebox.engine.nn.ParameterSet;

/**
 * One ResAttnBlock (jukebox/transformer/transformer.py): pre-LayerNorm factored attention and a
 * quick-GELU MLP, {@code a = attn(ln_0(x)); m = mlp(ln_1(x + a)); x + a + m}. Jukebox's Conv1D is
 * {@code x . w + b} with w laid out (in, out).
 *
 * <p>Legend: N batch, T positions, W width, S = n_state, H heads, D = S / H head width.
 */
final class TransformerLayer {
    private final PriorConfig config;
    private final ParameterSet params;
    private final String prefix;

    TransformerLayer(PriorConfig config, ParameterSet params, int index) {
        this.config = config;
        this.params = params;
        this.prefix = PriorLayout.layer(index);
    }

    /** This layer's tensor {@code name} (e.g. {@code "attn.c_attn.w"}), for derived sampling weights. */
    NDArray param(String name) {
        return params.get(prefix + name);
    }

    /** LayerNorm {@code name} (weight, bias) over the last axis, eps 1e-5. */
    NDArray layerNorm(NDArray x, String name) {
        return LayerNorm.layerNorm(x, new Shape(config.width()), params.get(prefix + name + ".weight"),
                params.get(prefix + name + ".bias"), 1e-5f).singletonOrThrow();
    }

    /** Jukebox Conv1D {@code name}: (..., in) -> (..., out). */
    NDArray conv1d(NDArray x, String name) {
        return x.matMul(params.get(prefix + name + ".w")).add(params.get(prefix + name + ".b"));
    }

    /** q, k, v of normalised input (N, T, W): three (N, T, S) arrays. */
    NDList qkv(NDArray normed) {
        return conv1d(normed, "attn.c_attn").split(3, 2); // (N, T, 3S) -> 3 x (N, T, S)
    }

    /** (N, T, S) -> (N, H, T, D). */
    NDArray splitHeads(NDArray x) {
        long n = x.getShape().get(0);
        long t = x.getShape().get(1);
        return x.reshape(n, t, config.heads(), config.headDim()).transpose(0, 2, 1, 3);
    }

    /** (N, H, T, D) -> (N, T, S). */
    NDArray mergeHeads(NDArray x) {
        long n = x.getShape().get(0);
        long t = x.getShape().get(2);
        return x.transpose(0, 2, 1, 3).reshape(n, t, config.nState());
    }

    /** The MLP on the residual stream after attention: {@code c_proj(quick_gelu(c_fc(ln_1(x))))}. */
    NDArray mlp(NDArray x) {
        NDArray h = conv1d(layerNorm(x, "ln_1"), "mlp.c_fc");
        h = h.mul(Activation.sigmoid(h.mul(1.702f))); // quick_gelu(x) = x * sigmoid(1.702 x)
        return conv1d(h, "mlp.c_proj");
    }
}
