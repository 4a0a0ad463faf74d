package io.fastjukebox.engine.checkpoint;

import io.fastjukebox.engine.checkpoint.TorchRefs.StorageRef;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the legacy (pre-1.6) {@code torch.save} format, which the official Jukebox checkpoints use:
 * five pickles back to back — the magic number {@code 0x1950a86a20f9469cfc6c}, the protocol version
 * 1001, a {@code sys_info} dict, the main pickle, and the sorted list of storage keys — then, for
 * each key in that order, an int64 little-endian element count and the storage's raw bytes.
 *
 * <p>Only the 8-byte counts are read while scanning the storage section; a storage's bytes are read
 * (or memory-mapped, when large) only if a state-dict tensor uses it.
 */
final class TorchLegacyReader {
    private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL_VERSION = 1001;

    private TorchLegacyReader() {}

    static TorchCheckpoint.Result read(Path file, long fileSize, String path) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            PickleInput in = new PickleInput(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16),
                    fileSize, path, "magic number");
            TorchGlobals globals = new TorchGlobals(path, fileSize, true);
            PickleMachine plain = new PickleMachine(globals, null);
            if (!MAGIC.equals(plainData(plain.load(in), path))) {
                throw new IOException(path + ": not a PyTorch checkpoint (no legacy torch.save magic number)");
            }
            in.part("protocol version");
            Object version = plainData(plain.load(in), path);
            if (!Long.valueOf(PROTOCOL_VERSION).equals(version)) {
                throw new IOException(path + ": unsupported legacy torch.save protocol version");
            }
            in.part("sys_info");
            if (!(plainData(plain.load(in), path) instanceof Map<?, ?> sysInfo)
                    || !Boolean.TRUE.equals(sysInfo.get("little_endian"))) {
                throw new IOException(path + ": only little-endian legacy checkpoints are supported");
            }
            in.part("main pickle");
            Object top = new PickleMachine(globals, globals).load(in);
            in.part("storage key list");
            if (!(plainData(plain.load(in), path) instanceof List<?> keys)) {
                throw new IOException(path + ": the storage key list is not a list");
            }
            Map<String, Long> offsets = scanStorages(channel, in.position(), fileSize, keys, globals, path);
            ReadBudget budget = new ReadBudget(path, fileSize);
            Map<String, ByteBuffer> loaded = new HashMap<>();
            return TorchCheckpoint.extract(top, storage -> {
                ByteBuffer b = loaded.get(storage.rootKey());
                if (b == null) {
                    Long at = offsets.get(storage.rootKey());
                    if (at == null) {
                        throw new IOException(path + ": " + storage + " has no data in the file");
                    }
                    b = budget.region(channel, at, storage.rootBytes(), storage.toString());
                    loaded.put(storage.rootKey(), b);
                }
                return b;
            }, budget, path);
        }
    }

    /** Refuses non-allow-listed globals in the small header pickles, which hold plain data only. */
    private static Object plainData(Object value, String path) throws IOException {
        TorchCheckpoint.refusePlaceholders(value, path);
        return value;
    }

    /** Where each storage's bytes start, checking every count against the pickle and the file size. */
    private static Map<String, Long> scanStorages(FileChannel channel, long start, long fileSize, List<?> keys,
            TorchGlobals globals, String path) throws IOException {
        Map<String, Long> offsets = new HashMap<>();
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        long pos = start;
        for (Object k : keys) {
            StorageRef storage = k instanceof String key ? globals.storages().get(key) : null;
            if (storage == null || !storage.rootKey().equals(k) || offsets.containsKey(k)) {
                throw new IOException(path + ": storage key list names " + (k instanceof String s ? PickleValues.quote(s) : ""
                        + PickleValues.describe(k)) + ", which the pickle does not declare (or names twice)");
            }
            if (fileSize - pos < 8) {
                throw new IOException(path + ": truncated: the file ends at byte " + fileSize + " before the size header of "
                        + storage + " at byte " + pos);
            }
            header.clear();
            while (header.hasRemaining()) {
                if (channel.read(header, pos + header.position()) < 0) {
                    throw new IOException(path + ": truncated: the file ended inside the size header of " + storage);
                }
            }
            long count = header.getLong(0);
            long esize = storage.dtype().size();
            if (count != storage.rootBytes() / esize) {
                throw new IOException(path + ": " + storage + " holds " + count + " elements in the file but the pickle declares "
                        + storage.rootBytes() / esize);
            }
            pos += 8;
            if (fileSize - pos < storage.rootBytes()) {
                throw new IOException(path + ": truncated: " + storage + " needs " + storage.rootBytes() + " bytes at byte "
                        + pos + " but the file ends at byte " + fileSize);
            }
            offsets.put((String) k, pos);
            pos += storage.rootBytes();
        }
        return offsets;
    }
}
