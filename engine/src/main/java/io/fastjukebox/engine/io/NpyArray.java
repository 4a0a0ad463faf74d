package io.fastjukebox.engine.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An n-dimensional array read from or written to a NumPy {@code .npy} file (C order).
 *
 * <p>The elements are kept as raw bytes in the file's own byte order; the {@code toXxxArray}
 * methods widen or narrow them into flat Java arrays in C (row-major) order.
 *
 * @param dtype the element type
 * @param shape the dimensions, outermost first; {@code []} for a scalar
 * @param data the raw element bytes, {@code numel * dtype.size()} long, in the buffer's own byte order
 */
public record NpyArray(NpyDtype dtype, int[] shape, ByteBuffer data) {

    public NpyArray {
        shape = shape.clone();
        long n = numel(shape);
        if (data.remaining() != n * dtype.size()) {
            throw new IllegalArgumentException(
                    "data has " + data.remaining() + " bytes, shape " + Arrays.toString(shape)
                            + " of " + dtype + " needs " + n * dtype.size());
        }
        data = data.slice().order(data.order());
    }

    /** Wraps float32 values. */
    public static NpyArray ofFloats(float[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new NpyArray(NpyDtype.FLOAT32, shape, b);
    }

    /** Wraps float64 values. */
    public static NpyArray ofDoubles(double[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new NpyArray(NpyDtype.FLOAT64, shape, b);
    }

    /** Wraps int32 values. */
    public static NpyArray ofInts(int[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new NpyArray(NpyDtype.INT32, shape, b);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The raw element bytes, read-only, in their own byte order. */
    @Override
    public ByteBuffer data() {
        return data.asReadOnlyBuffer().order(data.order());
    }

    /** Number of elements (the product of the shape). */
    public int numel() {
        return (int) numel(shape);
    }

    /** All elements as doubles, C order. */
    public double[] toDoubleArray() {
        double[] out = new double[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dtype.read(data, i);
        }
        return out;
    }

    /** All elements as floats, C order (float64 values are rounded). */
    public float[] toFloatArray() {
        float[] out = new float[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) dtype.read(data, i);
        }
        return out;
    }

    /** All elements as ints, C order; fails for floating types and out-of-range values. */
    public int[] toIntArray() {
        if (dtype.isFloating()) {
            throw new IllegalStateException("array is " + dtype + ", not an integer type");
        }
        int[] out = new int[numel()];
        for (int i = 0; i < out.length; i++) {
            double v = dtype.read(data, i);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalStateException("element " + i + " = " + v + " does not fit in an int");
            }
            out[i] = (int) v;
        }
        return out;
    }

    static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
