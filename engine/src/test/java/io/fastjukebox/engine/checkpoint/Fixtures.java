package io.fastjukebox.engine.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test helpers: the golden files of {@code golden/checkpoint/}, and builders for hand-made pickles. */
final class Fixtures {
    static final Path PWNED = Path.of("/tmp/pwned-fastjukebox");

    private Fixtures() {}

    static Path golden(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/golden/checkpoint/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource golden/checkpoint/" + name, e);
        }
    }

    /** Writes a torch-style zip checkpoint: {@code archive/data.pkl}, {@code archive/data/<key>}, version. */
    static Path torchZip(Path file, byte[] dataPkl, Map<String, byte[]> storages) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", dataPkl);
        storages.forEach((k, v) -> entries.put("archive/data/" + k, v));
        entries.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /**
     * Writes a legacy-format checkpoint: magic number, protocol 1001 and sys_info pickles, the main
     * pickle, the storage-key list, then per key an int64 element count and the raw bytes.
     */
    static Path torchLegacy(Path file, byte[] mainPickle, Map<String, float[]> storages) throws IOException {
        Pickle p = new Pickle().proto(2).op(0x8a).raw(10).raw(0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19).stop()
                .proto(2).op('M').le(1001, 2).stop()
                .proto(2).emptyDict().str("little_endian").op(0x88).setitem().stop()
                .raw(mainPickle)
                .proto(2).op(']').mark();
        storages.keySet().forEach(p::str);
        p.op('e').stop();
        storages.values().forEach(v -> {
            p.le(v.length, 8);
            for (float f : v) {
                p.le(Float.floatToRawIntBits(f), 4);
            }
        });
        Files.write(file, p.bytes());
        return file;
    }

    /** A tiny pickle assembler: opcodes appended in order, as {@code pickletools.dis} would list them. */
    static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle proto(int v) {
            return op(0x80).raw(v);
        }

        Pickle op(int opcode) {
            out.write(opcode);
            return this;
        }

        Pickle raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Pickle raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Pickle text(String line) {
            return raw(line.getBytes(StandardCharsets.ISO_8859_1));
        }

        Pickle global(String module, String name) {
            return op('c').text(module + "\n" + name + "\n");
        }

        Pickle str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return op('X').le(b.length, 4).raw(b);
        }

        Pickle le(long v, int n) {
            for (int i = 0; i < n; i++) {
                out.write((int) (v >>> (8 * i)) & 0xff);
            }
            return this;
        }

        Pickle binint1(int v) {
            return op('K').raw(v);
        }

        Pickle mark() {
            return op('(');
        }

        Pickle tuple() {
            return op('t');
        }

        Pickle reduce() {
            return op('R');
        }

        Pickle emptyDict() {
            return op('}');
        }

        Pickle setitem() {
            return op('s');
        }

        Pickle none() {
            return op('N');
        }

        Pickle stop() {
            return op('.');
        }

        /** {@code ('storage', torch.FloatStorage, key, 'cpu', numel)} BINPERSID. */
        Pickle floatStorage(String key, int numel) {
            return mark().str("storage").global("torch", "FloatStorage").str(key).str("cpu").binint1(numel).tuple().op('Q');
        }

        /** {@code _rebuild_tensor_v2(<storage on the stack>, 0, (n,), (1,), False, OrderedDict())}: a 1-d tensor. */
        Pickle tensor1d(String key, int n) {
            global("torch._utils", "_rebuild_tensor_v2").mark();
            floatStorage(key, n);
            return binint1(0).binint1(n).op(0x85).binint1(1).op(0x85).op(0x89)
                    .global("collections", "OrderedDict").op(')').reduce().tuple().reduce();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
