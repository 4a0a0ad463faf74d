package io.fastjukebox.engine.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One tensor of a checkpoint: its element type, its shape and its elements as contiguous
 * little-endian bytes in C (row-major) order. Views and strides of the source file have already
 * been gathered, so {@code data()} always holds exactly {@code numel() * dtype().size()} bytes.
 *
 * <p>Immutable. The bytes may be shared: tensors tied to one storage (and contiguous views of it)
 * refer to the same memory, which for large tensors may be a read-only mapping of the checkpoint
 * file itself (see {@link StateDict#read}). A tensor holds at most 2 GiB of data.
 */
public final class TensorData {
    private final TensorDtype dtype;
    private final long[] shape;
    private final long numel;
    private final ByteBuffer data;

    private TensorData(TensorDtype dtype, long[] shape, long numel, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape;
        this.numel = numel;
        this.data = data;
    }

    /**
     * Wraps little-endian C-order element bytes without copying them.
     *
     * @param bytes exactly {@code numel(shape) * dtype.size()} bytes between position and limit;
     *     the buffer's position, limit and byte order are not changed, and its content must not be
     *     changed afterwards
     * @throws IllegalArgumentException if a dimension is negative or the byte count is wrong
     */
    public static TensorData wrap(TensorDtype dtype, long[] shape, ByteBuffer bytes) {
        long[] s = shape.clone();
        long n;
        try {
            n = numel(s);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("shape " + Arrays.toString(s) + " is too large");
        }
        if (n > Integer.MAX_VALUE / dtype.size() || bytes.remaining() != n * dtype.size()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(s) + " of " + dtype + " needs " + n
                    + " elements of " + dtype.size() + " bytes (at most 2 GiB), got " + bytes.remaining() + " bytes");
        }
        return new TensorData(dtype, s, n, bytes.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** A float32 tensor holding a copy of {@code values} in C order. */
    public static TensorData ofFloats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return wrap(TensorDtype.F32, shape, b);
    }

    /** The element count of {@code shape}: the product of its dimensions, 1 for a scalar. */
    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public TensorDtype dtype() {
        return dtype;
    }

    /** The dimensions, outermost first ({@code []} for a 0-d tensor); a copy. */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements: the product of the shape (1 for a 0-d tensor). */
    public long numel() {
        return numel;
    }

    /** The size of the element data in bytes. */
    public long byteSize() {
        return numel * dtype.size();
    }

    /** The raw element bytes: a read-only little-endian view, position 0, {@link #byteSize()} long. */
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Whether {@code other} has the same dtype, shape and element bytes. */
    public boolean contentEquals(TensorData other) {
        return dtype == other.dtype && Arrays.equals(shape, other.shape) && data.equals(other.data);
    }

    /**
     * The elements as float32 in C order. F16 and BF16 widen exactly; F64 and I64 round to nearest;
     * other integer types convert exactly up to 2^24; U8 is unsigned; BOOL gives 0 or 1.
     */
    public float[] toFloatArray() {
        float[] out = new float[(int) numel];
        ByteBuffer b = data();
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype) {
                case F32 -> b.getFloat(4 * i);
                case F16 -> halfToFloat(b.getShort(2 * i));
                case BF16 -> Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
                case F64 -> (float) b.getDouble(8 * i);
                case I64 -> (float) b.getLong(8 * i);
                case I32 -> (float) b.getInt(4 * i);
                case I16 -> b.getShort(2 * i);
                case I8 -> b.get(i);
                case U8 -> b.get(i) & 0xff;
                case BOOL -> b.get(i) != 0 ? 1f : 0f;
            };
        }
        return out;
    }

    /**
     * The elements of an integer or BOOL tensor as longs in C order (U8 unsigned, BOOL 0 or 1).
     *
     * @throws IllegalStateException for a floating-point tensor
     */
    public long[] toLongArray() {
        if (dtype.isFloating()) {
            throw new IllegalStateException("toLongArray() on a " + dtype + " tensor");
        }
        long[] out = new long[(int) numel];
        ByteBuffer b = data();
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype) {
                case I64 -> b.getLong(8 * i);
                case I32 -> b.getInt(4 * i);
                case I16 -> b.getShort(2 * i);
                case I8 -> b.get(i);
                case U8 -> b.get(i) & 0xff;
                case BOOL -> b.get(i) != 0 ? 1 : 0;
                default -> throw new AssertionError(dtype);
            };
        }
        return out;
    }

    /** Widens IEEE 754 half-precision bits to float32, exactly (subnormals, infinities, NaN included). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero): exact, mant < 2^10
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    @Override
    public String toString() {
        return "TensorData[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
