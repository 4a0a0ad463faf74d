package io.fastjukebox.engine.vqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.fastjukebox.engine.nn.ParameterSet;

/**
 * Nearest-code quantisation against each level's codebook {@code bottleneck.level_blocks.E.k}
 * (jukebox/vqvae/bottleneck.py, spec section 1.4).
 */
final class Bottleneck {
    private final ParameterSet params;

    Bottleneck(ParameterSet params) {
        this.params = params;
    }

    /**
     * Codes (N, T) int64 of the continuous vectors (N, D, T): the argmin over codes of the expanded
     * squared distance {@code |x|^2 - 2 x.k + |k|^2}, computed in float32 as the reference does so
     * that near-ties resolve the same way.
     */
    NDArray quantise(NDArray x, int level) {
        long n = x.getShape().get(0);
        long d = x.getShape().get(1);
        long t = x.getShape().get(2);
        NDArray k = params.get(VqVaeLayout.codebook(level)); // (K, D)
        NDArray flat = x.transpose(0, 2, 1).reshape(n * t, d); // (N, D, T) -> (N*T, D)
        NDArray dist = flat.square().sum(new int[] {1}, true) // (N*T, 1)
                .sub(flat.matMul(k.transpose()).mul(2)) // (N*T, K)
                .add(k.square().sum(new int[] {1}).expandDims(0)); // (1, K)
        return dist.argMin(1).reshape(n, t); // (N*T,) -> (N, T)
    }

    /** Code vectors (N, D, T) of codes (N, T). */
    NDArray dequantise(NDArray codes, int level) {
        long n = codes.getShape().get(0);
        long t = codes.getShape().get(1);
        NDArray k = params.get(VqVaeLayout.codebook(level)); // (K, D)
        NDArray rows = k.get(new NDIndex("{}", codes.reshape(n * t).toType(DataType.INT64, false))); // (N*T, D)
        return rows.reshape(n, t, k.getShape().get(1)).transpose(0, 2, 1); // (N, T, D) -> (N, D, T)
    }
}
