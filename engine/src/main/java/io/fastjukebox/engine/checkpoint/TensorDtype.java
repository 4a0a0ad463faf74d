package io.fastjukebox.engine.checkpoint;

/**
 * The tensor element types a checkpoint may hold, named as safetensors names them.
 *
 * <p>All multi-byte types are stored little-endian. {@link #BF16} is the upper half of an IEEE
 * float32 ({@code float bits = bf16 << 16}); {@link #BOOL} is one byte, 0 or 1.
 */
public enum TensorDtype {
    F32(4, true),
    F16(2, true),
    BF16(2, true),
    F64(8, true),
    I64(8, false),
    I32(4, false),
    I16(2, false),
    I8(1, false),
    U8(1, false),
    BOOL(1, false);

    private final int size;
    private final boolean floating;

    TensorDtype(int size, boolean floating) {
        this.size = size;
        this.floating = floating;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** Whether this is a floating-point type. */
    public boolean isFloating() {
        return floating;
    }

    /** The safetensors {@code dtype} string, e.g. {@code "BF16"}: the constant's name. */
    public String safetensorsName() {
        return name();
    }

    /** The type with the given safetensors name, or {@code null} if it is not one this reader supports. */
    static TensorDtype fromSafetensorsName(String name) {
        for (TensorDtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
