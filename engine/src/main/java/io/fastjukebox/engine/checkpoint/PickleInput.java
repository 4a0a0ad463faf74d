package io.fastjukebox.engine.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A bounded byte source for the pickle machine. It knows how many bytes remain before the end of
 * the file (or zip entry), so every length read from the pickle is checked against the real size
 * before anything is allocated, and running out of data is reported as truncation with the path.
 */
final class PickleInput {
    private final InputStream in;
    private final long length;
    private final String source;
    private String part;
    private long position;

    /**
     * @param in the bytes, positioned at the start of the first pickle
     * @param length how many bytes {@code in} holds from here on
     * @param source the file path, which starts every error message
     * @param part what is being read, e.g. {@code "data.pkl"}, for error messages
     */
    PickleInput(InputStream in, long length, String source, String part) {
        this.in = in;
        this.length = length;
        this.source = source;
        this.part = part;
    }

    String source() {
        return source;
    }

    /** Names the part of the file being read next, for error messages. */
    void part(String name) {
        part = name;
    }

    /** Bytes consumed so far. */
    long position() {
        return position;
    }

    long remaining() {
        return length - position;
    }

    /** An error about the data at the current position, with the path first. */
    IOException corrupt(String what) {
        return new IOException(source + ": corrupt pickle (" + part + ") at byte " + position + ": " + what);
    }

    private IOException truncated(long wanted) {
        return new IOException(source + ": truncated: " + part + " needs " + wanted + " more bytes at offset "
                + position + " but only " + remaining() + " remain");
    }

    int readByte() throws IOException {
        if (position >= length) {
            throw truncated(1);
        }
        int b = in.read();
        if (b < 0) {
            throw truncated(1);
        }
        position++;
        return b;
    }

    /** Reads {@code n} bytes; {@code n} is checked against the remaining size before allocating. */
    byte[] readBytes(long n) throws IOException {
        if (n < 0) {
            throw corrupt("negative length " + n);
        }
        if (n > remaining()) {
            throw truncated(n);
        }
        if (n > Integer.MAX_VALUE - 16) {
            throw corrupt("object of " + n + " bytes is too large");
        }
        byte[] b = in.readNBytes((int) n);
        if (b.length != n) {
            throw truncated(n - b.length);
        }
        position += n;
        return b;
    }

    /** An unsigned little-endian integer of {@code n} (1..8) bytes. */
    long readLe(int n) throws IOException {
        byte[] b = readBytes(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    /** A line up to (not including) {@code \n}, as ISO-8859-1 bytes; at most {@code max} bytes long. */
    byte[] readLine(int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = readByte();
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() >= max) {
                throw corrupt("text line longer than " + max + " bytes");
            }
            line.write(b);
        }
    }
}
