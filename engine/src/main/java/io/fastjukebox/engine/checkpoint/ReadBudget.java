package io.fastjukebox.engine.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Caps the heap a single read may allocate for tensor data, relative to the file size, so a small
 * hostile file cannot make the reader allocate without bound (overlapping zip entries, or many
 * strided views of one storage that each need a gathered copy).
 *
 * <p>The allowance is twice the file size plus 64 MiB; a legitimate checkpoint never needs more
 * than the file size. Regions of at least {@link #MAP_THRESHOLD} bytes are memory-mapped read-only
 * instead of copied, and cost no allowance.
 */
final class ReadBudget {
    static final int MAP_THRESHOLD = 1 << 20;
    private static final long SLACK = 64L << 20;

    private final String path;
    private long left;

    ReadBudget(String path, long fileSize) {
        this.path = path;
        this.left = 2 * fileSize + SLACK;
    }

    /** Accounts for {@code bytes} of heap about to be allocated. */
    void charge(long bytes, String what) throws IOException {
        if (bytes > left) {
            throw new IOException(path + ": refusing to allocate " + bytes + " more bytes for " + what
                    + ": the data would be far larger than the file");
        }
        left -= bytes;
    }

    /**
     * The {@code length} bytes at {@code position} of the file: mapped if large, else read into the
     * heap. The caller has checked that the region lies inside the file.
     */
    ByteBuffer region(FileChannel channel, long position, long length, String what) throws IOException {
        if (length > Integer.MAX_VALUE) {
            throw new IOException(path + ": " + what + " has " + length + " bytes; over 2 GiB is not supported");
        }
        if (position < 0 || position + length > channel.size()) {
            throw new IOException(path + ": truncated: " + what + " needs bytes " + position + ".."
                    + (position + length) + " but the file has " + channel.size());
        }
        if (length >= MAP_THRESHOLD) {
            return channel.map(FileChannel.MapMode.READ_ONLY, position, length).order(ByteOrder.LITTLE_ENDIAN);
        }
        charge(length, what);
        ByteBuffer b = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int n = channel.read(b, position + b.position());
            if (n < 0) {
                throw new IOException(path + ": truncated: the file ended inside " + what);
            }
        }
        return b.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
