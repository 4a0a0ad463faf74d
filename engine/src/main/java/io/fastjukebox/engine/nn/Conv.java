package io.fastjukebox.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;

/**
 * One-dimensional convolutions with PyTorch's semantics and weight layouts, on (N, C, T) arrays.
 *
 * <p>DJL's PyTorch engine has no transposed convolution, so {@link #transpose} is built from a real
 * convolution: a transposed convolution is the adjoint of a strided convolution, i.e. zero-stuffing
 * the input by the stride and correlating with the flipped, channel-transposed kernel (djl-notes 3.2).
 * {@code ConvTest} proves the adjoint identity and compares both with PyTorch's numbers.
 */
public final class Conv {

    private Conv() {}

    /**
     * {@code nn.Conv1d}: {@code out[n, co, t] = b[co] + sum_ci sum_k w[co, ci, k] x[n, ci, t*s - p + k*d]}.
     *
     * @param w weight (out, in, k)
     * @param b bias (out), or {@code null}
     */
    public static NDArray conv1d(NDArray x, NDArray w, NDArray b, int stride, int padding, int dilation) {
        return Conv1d.conv1d(x, w, b, new Shape(stride), new Shape(padding), new Shape(dilation), 1).singletonOrThrow();
    }

    /**
     * {@code nn.ConvTranspose1d} without output padding: output length {@code (T - 1) s - 2p + k}.
     *
     * @param w weight in PyTorch's transposed layout (in, out, k)
     * @param b bias (out), or {@code null}
     */
    public static NDArray transpose(NDArray x, NDArray w, NDArray b, int stride, int padding) {
        long n = x.getShape().get(0);
        long c = x.getShape().get(1);
        long t = x.getShape().get(2);
        long k = w.getShape().get(2);
        if (k - 1 - padding < 0) {
            throw new IllegalArgumentException("padding " + padding + " larger than kernel " + k + " - 1");
        }
        NDArray stuffed = x;
        if (stride > 1) {
            // (N, C, T) -> (N, C, T, 1) ++ zeros (N, C, T, s-1) -> (N, C, T*s) -> keep (T-1)*s + 1
            NDArray zeros = x.getManager().zeros(new Shape(n, c, t, stride - 1), x.getDataType(), x.getDevice());
            NDArray interleaved = x.expandDims(3).concat(zeros, 3).reshape(n, c, t * stride);
            stuffed = interleaved.get(":, :, 0:" + ((t - 1) * stride + 1));
        }
        NDArray kernel = w.flip(2).transpose(1, 0, 2); // (in, out, k) -> flipped (out, in, k)
        return conv1d(stuffed, kernel, b, 1, (int) (k - 1 - padding), 1);
    }
}
