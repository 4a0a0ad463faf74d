package io.fastjukebox.engine.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The few libtorch calls of the sampling hot path, made straight through {@link JniUtils}: one JNI
 * call each. The {@link NDArray} methods of the same name add work per call that matters at a few
 * microseconds per op: {@code matMul} reads both shapes (a JNI call per fresh array), {@code softmax}
 * reads the data type, {@code get}/{@code set} with an {@link ai.djl.ndarray.index.NDIndex} take
 * about seven JNI calls through the advanced-indexing path, and arithmetic with a {@code Number}
 * creates a scalar array. The prior only runs on the PyTorch engine, so the arrays are
 * {@link PtNDArray}s. Results belong to the manager of the first argument, as with DJL's own ops.
 */
final class PtOps {
    static final double LN_EPS = 1e-5f; // the float eps of the full forward, widened

    private PtOps() {}

    private static PtNDArray pt(NDArray a) {
        return (PtNDArray) a;
    }

    /**
     * {@code x . w + b} with w laid out (in, out), as a matrix product and an in-place bias add:
     * about 1 us cheaper than {@code linear} (whose {@code addmm} expands the bias first, and
     * which transposes the weight when there is no bias).
     */
    static NDArray affine(NDArray x, NDArray w, NDArray b) {
        NDArray y = JniUtils.matmul(pt(x), pt(w));
        JniUtils.addi((PtNDArray) y, pt(b));
        return y;
    }

    /** LayerNorm over the last axis of width {@code width}. */
    static NDArray layerNorm(NDArray x, Shape width, NDArray gamma, NDArray beta) {
        return JniUtils.layerNorm(pt(x), width, pt(gamma), pt(beta), LN_EPS);
    }

    static NDArray matMul(NDArray a, NDArray b) {
        return JniUtils.matmul(pt(a), pt(b));
    }

    /**
     * Batched matrix product of 3-D arrays (B, n, k) x (B, k, m). Half the cost of {@link #matMul}
     * on 3-D operands, which expands, reshapes and views around the same kernel.
     */
    static NDArray bmm(NDArray a, NDArray b) {
        return JniUtils.bmm(pt(a), pt(b));
    }

    /** Softmax over the last axis of a float32 array. */
    static NDArray softmax(NDArray a) {
        return JniUtils.softmax(pt(a), -1, DataType.FLOAT32);
    }

    static NDArray sigmoid(NDArray a) {
        return JniUtils.sigmoid(pt(a));
    }

    /** {@code a += b} in place (b broadcast). */
    static void addi(NDArray a, NDArray b) {
        JniUtils.addi(pt(a), pt(b));
    }

    /** {@code a *= b} in place (b broadcast). */
    static void muli(NDArray a, NDArray b) {
        JniUtils.muli(pt(a), pt(b));
    }

    /** A view of {@code [start, end)} along {@code axis}. */
    static NDArray slice(NDArray a, int axis, long start, long end) {
        return JniUtils.slice(pt(a), axis, start, end, 1);
    }

    /** A view with axes {@code a} and {@code b} swapped. */
    static NDArray transpose(NDArray x, int a, int b) {
        return JniUtils.transpose(pt(x), a, b);
    }

    /** A view with the axes in {@code order}. */
    static NDArray permute(NDArray x, long... order) {
        return JniUtils.permute(pt(x), order);
    }

    /** A view (or a copy when the layout requires one) with another shape. */
    static NDArray reshape(NDArray a, long... shape) {
        return JniUtils.reshape(pt(a), shape);
    }

    /** Rows of {@code table} (V, W) for int64 {@code ids}: ids' shape + (W). */
    static NDArray embedding(NDArray ids, NDArray table) {
        return JniUtils.embedding(pt(ids), pt(table), false);
    }

    /** Copies {@code value} (broadcast) into the slices {@code [min, max)} by {@code step} of {@code target}, in place. */
    static void put(NDArray target, NDArray value, long[] min, long[] max, long[] step) {
        JniUtils.indexSet(pt(target), pt(value), min, max, step);
    }
}
