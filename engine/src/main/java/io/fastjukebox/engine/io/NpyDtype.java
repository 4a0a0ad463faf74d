package io.fastjukebox.engine.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/** The NumPy element types the project reads and writes, with their {@code descr} strings. */
public enum NpyDtype {
    FLOAT32("f4", 4, true),
    FLOAT64("f8", 8, true),
    INT8("i1", 1, false),
    UINT8("u1", 1, false),
    INT16("i2", 2, false),
    INT32("i4", 4, false),
    INT64("i8", 8, false);

    private final String code;
    private final int size;
    private final boolean floating;

    NpyDtype(String code, int size, boolean floating) {
        this.code = code;
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

    /** The {@code descr} value written to headers, e.g. {@code <f4}. */
    public String descr() {
        return (size == 1 ? "|" : "<") + code;
    }

    /**
     * Parses a NumPy {@code descr} such as {@code <f8}, {@code |u1} or {@code >i4}.
     *
     * @throws IllegalArgumentException naming the descr when it is not supported
     */
    public static Parsed parse(String descr) {
        String d = descr.trim();
        if (d.length() != 3) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
        }
        char endian = d.charAt(0);
        String code = d.substring(1).toLowerCase(Locale.ROOT);
        for (NpyDtype t : values()) {
            if (t.code.equals(code)) {
                ByteOrder order = switch (endian) {
                    case '<', '|', '=' -> ByteOrder.LITTLE_ENDIAN;
                    case '>' -> ByteOrder.BIG_ENDIAN;
                    default -> throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
                };
                return new Parsed(t, order);
            }
        }
        throw new IllegalArgumentException("unsupported dtype '" + descr + "' (supported: f4 f8 i1 u1 i2 i4 i8)");
    }

    /** A dtype together with the byte order of its data. */
    public record Parsed(NpyDtype dtype, ByteOrder order) {}

    double read(ByteBuffer b, int index) {
        int at = index * size;
        return switch (this) {
            case FLOAT32 -> b.getFloat(at);
            case FLOAT64 -> b.getDouble(at);
            case INT8 -> b.get(at);
            case UINT8 -> b.get(at) & 0xff;
            case INT16 -> b.getShort(at);
            case INT32 -> b.getInt(at);
            case INT64 -> b.getLong(at);
        };
    }
}
