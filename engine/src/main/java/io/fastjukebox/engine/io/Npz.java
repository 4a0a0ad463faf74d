package io.fastjukebox.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npz} archives (a zip of {@code .npy} files, as {@code numpy.savez} writes them):
 * the interchange format for codes, so Python users can {@code np.load} them directly.
 */
public final class Npz {
    private static final int MAX_ENTRIES = 4096;

    private Npz() {}

    /** Writes the arrays atomically; keys become entry names {@code <key>.npy}. */
    public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
        for (String key : arrays.keySet()) {
            if (key.isEmpty() || key.contains("/") || key.contains("\\")) {
                throw new IllegalArgumentException("bad .npz key '" + key + "'");
            }
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0)); // same arrays, same bytes
                zip.putNextEntry(entry);
                NpyArray a = e.getValue();
                zip.write(Npy.headerBytes(a));
                zip.write(Npy.littleEndianBytes(a));
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Reads every {@code .npy} entry, keyed by its name without the extension, in archive order. */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new IOException(file + ": .npz has " + zip.size() + " entries, more than " + MAX_ENTRIES);
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(".npy")) {
                    continue;
                }
                String key = e.getName().substring(0, e.getName().length() - 4);
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(key, Npy.read(in, file + "!" + e.getName(), e.getSize()));
                }
            }
        } catch (ZipException e) {
            throw new IOException(file + ": not a valid .npz (zip) file: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IOException(file + ": .npz archive holds no .npy arrays");
        }
        return out;
    }
}
