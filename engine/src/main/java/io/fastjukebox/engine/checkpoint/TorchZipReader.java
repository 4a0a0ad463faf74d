package io.fastjukebox.engine.checkpoint;

import io.fastjukebox.engine.checkpoint.TorchRefs.StorageRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the zip checkpoint format of {@code torch.save} (torch ≥ 1.6): an uncompressed zip whose
 * entries share one top folder {@code <archive>/}: {@code data.pkl} (the pickle), one
 * {@code data/<key>} entry of raw little-endian bytes per storage, {@code version}, and from torch
 * 2.x on {@code byteorder} and {@code .data/serialization_id}. Storage entries are read into the
 * heap, once each, and only for tensors of the state dict. Compressed entries are refused.
 */
final class TorchZipReader {
    private TorchZipReader() {}

    static TorchCheckpoint.Result read(Path file, long fileSize, String path) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = archivePrefix(zip, path);
            ZipEntry byteorder = zip.getEntry(prefix + "byteorder");
            if (byteorder != null) {
                String order = new String(readEntry(zip, byteorder, 16, path), StandardCharsets.US_ASCII).strip();
                if (!order.equals("little")) {
                    throw new IOException(path + ": byte order '" + order + "' is not supported, only 'little'");
                }
            }
            ZipEntry pklEntry = zip.getEntry(prefix + "data.pkl");
            byte[] pkl = readEntry(zip, pklEntry, fileSize, path);
            TorchGlobals globals = new TorchGlobals(path, fileSize, false);
            Object top = new PickleMachine(globals, globals)
                    .load(new PickleInput(new ByteArrayInputStream(pkl), pkl.length, path, pklEntry.getName()));
            ReadBudget budget = new ReadBudget(path, fileSize);
            Map<String, ByteBuffer> loaded = new HashMap<>();
            return TorchCheckpoint.extract(top, storage -> {
                ByteBuffer b = loaded.get(storage.rootKey());
                if (b == null) {
                    b = readStorage(zip, prefix, storage, budget, path);
                    loaded.put(storage.rootKey(), b);
                }
                return b;
            }, budget, path);
        } catch (ZipException e) {
            throw new IOException(path + ": not a valid zip archive: " + e.getMessage(), e);
        }
    }

    /** The {@code <archive>/} folder holding {@code data.pkl}; exactly one must exist. */
    private static String archivePrefix(ZipFile zip, String path) throws IOException {
        List<String> found = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
                found.add(name.substring(0, name.length() - "data.pkl".length()));
            }
        }
        if (found.size() != 1) {
            throw new IOException(path + ": zip archive is not a PyTorch checkpoint: expected one <archive>/data.pkl, found "
                    + found.size());
        }
        return found.get(0);
    }

    private static ByteBuffer readStorage(ZipFile zip, String prefix, StorageRef storage, ReadBudget budget, String path)
            throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "data/" + storage.rootKey());
        if (entry == null) {
            throw new IOException(path + ": " + storage + " is missing from the archive (data/" + storage.rootKey() + ")");
        }
        if (entry.getSize() != storage.rootBytes()) {
            throw new IOException(path + ": " + storage + " has " + entry.getSize()
                    + " bytes in the archive but the pickle declares " + storage.rootBytes());
        }
        budget.charge(entry.getSize(), storage.toString());
        return ByteBuffer.wrap(readEntry(zip, entry, storage.rootBytes(), path)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads a stored (uncompressed) entry whose size must not exceed {@code max} (at most the file size). */
    private static byte[] readEntry(ZipFile zip, ZipEntry entry, long max, String path) throws IOException {
        if (entry.getMethod() != ZipEntry.STORED) {
            throw new IOException(path + ": zip entry " + entry.getName()
                    + " is compressed; PyTorch writes checkpoints uncompressed and only those are supported");
        }
        long size = entry.getSize();
        if (size < 0 || size > max || size > Integer.MAX_VALUE - 16) {
            throw new IOException(path + ": zip entry " + entry.getName() + " has an implausible size " + size);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] b = in.readNBytes((int) size);
            if (b.length != size) {
                throw new IOException(path + ": truncated: zip entry " + entry.getName() + " ends after " + b.length
                        + " of " + size + " bytes");
            }
            return b;
        }
    }
}
