package io.fastjukebox.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0; C order only).
 *
 * <p>Files are untrusted input: the header length, the shape and the data size are all checked
 * against the file before anything is allocated, and every failure names the file.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Reads a whole {@code .npy} file. */
    public static NpyArray read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), Files.size(file));
        }
    }

    /**
     * Reads one array from a stream.
     *
     * @param name used in error messages
     * @param available the number of bytes the stream holds, or {@code -1} if unknown
     */
    public static NpyArray read(InputStream in, String name, long available) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || !startsWithMagic(magic)) {
            throw new IOException(name + ": not a .npy file (missing \\x93NUMPY magic)");
        }
        int major = magic[6];
        int headerLen;
        int prefix;
        if (major == 1) {
            headerLen = ByteBuffer.wrap(readFully(in, 2, name)).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            headerLen = ByteBuffer.wrap(readFully(in, 4, name)).order(ByteOrder.LITTLE_ENDIAN).getInt();
            prefix = 12;
        } else {
            throw new IOException(name + ": unsupported .npy format version " + major);
        }
        if (headerLen < 0 || headerLen > MAX_HEADER) {
            throw new IOException(name + ": implausible .npy header length " + headerLen);
        }
        String header = new String(readFully(in, headerLen, name), StandardCharsets.ISO_8859_1);
        NpyDtype.Parsed dtype = parseDtype(header, name);
        int[] shape = parseShape(header, name);
        long bytes = NpyArray.numel(shape) * dtype.dtype().size();
        if (available >= 0 && available - prefix - headerLen < bytes) {
            throw new IOException(name + ": truncated: header declares " + bytes + " data bytes but only "
                    + (available - prefix - headerLen) + " follow");
        }
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IOException(name + ": array of " + bytes + " bytes is too large to load");
        }
        byte[] data = readFully(in, (int) bytes, name);
        return new NpyArray(dtype.dtype(), shape, ByteBuffer.wrap(data).order(dtype.order()));
    }

    /** Writes {@code array} to {@code file} atomically (format 1.0, little endian). */
    public static void write(Path file, NpyArray array) throws IOException {
        AtomicFiles.write(file, out -> {
            out.write(headerBytes(array));
            out.write(littleEndianBytes(array));
        });
    }

    /** The elements as little-endian bytes, as the header written by {@link #headerBytes} declares. */
    static byte[] littleEndianBytes(NpyArray array) {
        ByteBuffer data = array.data();
        byte[] raw = new byte[data.remaining()];
        data.get(raw);
        if (data.order() != ByteOrder.LITTLE_ENDIAN && array.dtype().size() > 1) {
            reverseEach(raw, array.dtype().size());
        }
        return raw;
    }

    static byte[] headerBytes(NpyArray array) {
        StringBuilder shape = new StringBuilder();
        for (int d : array.shape()) {
            shape.append(d).append(", ");
        }
        String dims = array.shape().length == 1 ? shape.toString().trim() : shape.toString().replaceAll(", $", "");
        String dict = "{'descr': '" + array.dtype().descr() + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    private static NpyDtype.Parsed parseDtype(String header, String name) throws IOException {
        Matcher fortran = FORTRAN.matcher(header);
        if (fortran.find() && fortran.group(1).equals("True")) {
            throw new IOException(name + ": Fortran-ordered arrays are not supported; save with C order");
        }
        Matcher m = DESCR.matcher(header);
        if (!m.find()) {
            throw new IOException(name + ": .npy header has no 'descr': " + header.trim());
        }
        try {
            return NpyDtype.parse(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }

    private static int[] parseShape(String header, String name) throws IOException {
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IOException(name + ": .npy header has no 'shape': " + header.trim());
        }
        List<Integer> dims = new ArrayList<>();
        for (String part : m.group(1).split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims.add(Integer.parseInt(p.replace("L", "")));
            } catch (NumberFormatException e) {
                throw new IOException(name + ": bad dimension '" + p + "' in .npy shape", e);
            }
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        try {
            NpyArray.numel(shape);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException(name + ": bad .npy shape (" + m.group(1) + ")", e);
        }
        return shape;
    }

    private static boolean startsWithMagic(byte[] b) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readFully(InputStream in, int n, String name) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new IOException(name + ": truncated .npy file (wanted " + n + " bytes, got " + b.length + ")");
        }
        return b;
    }

    private static void reverseEach(byte[] raw, int size) {
        for (int i = 0; i < raw.length; i += size) {
            for (int a = i, z = i + size - 1; a < z; a++, z--) {
                byte t = raw[a];
                raw[a] = raw[z];
                raw[z] = t;
            }
        }
    }
}
