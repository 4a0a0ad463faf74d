package io.fastjukebox.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.checkpoint.Fixtures.Pickle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Torch pickle forms the golden files do not cover: old storage views, torch 2.x v3 tensors, odd zips. */
class TorchFormsTest {
    @TempDir
    Path dir;

    private static byte[] le32(float... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void legacyStorageViewsFromOldTorchAreResolved() throws IOException {
        // ('storage', FloatStorage, '100', 'cuda:1', 6, ('200', 2, 3)): view '200' = elements 2..4 of '100';
        // _rebuild_tensor(view, 1, (2,), (1,)) -> elements 3 and 4
        byte[] main = new Pickle().proto(2).emptyDict().str("w").global("torch._utils", "_rebuild_tensor").mark()
                .mark().str("storage").global("torch.cuda", "FloatStorage").str("100").str("cuda:1").binint1(6)
                .mark().str("200").binint1(2).binint1(3).op('t').op('t').op('Q')
                .binint1(1).binint1(2).op(0x85).binint1(1).op(0x85).op('t').op('R').op('s').stop().bytes();
        Map<String, float[]> storages = new LinkedHashMap<>();
        storages.put("100", new float[] {0, 1, 2, 3, 4, 5});
        StateDict sd = StateDict.read(Fixtures.torchLegacy(dir.resolve("old.pt"), main, storages));
        assertEquals(StateDict.Format.TORCH_LEGACY, sd.format());
        assertArrayEquals(new float[] {3, 4}, sd.get("w").toFloatArray());
    }

    @Test
    void legacyElementCountMustMatchThePickle() throws IOException {
        byte[] main = new Pickle().proto(2).emptyDict().str("w").tensor1d("7", 3).setitem().stop().bytes();
        Map<String, float[]> storages = Map.of("7", new float[] {1, 2}); // declares 3, holds 2
        Path file = Fixtures.torchLegacy(dir.resolve("count.pt"), main, storages);
        IOException e = assertThrows(IOException.class, () -> StateDict.read(file));
        assertTrue(e.getMessage().contains("holds 2 elements in the file but the pickle declares 3"), e.getMessage());
    }

    @Test
    void torch2UntypedStorageWithAnExplicitDtypeIsReinterpreted() throws IOException {
        // ('storage', torch.storage.UntypedStorage, '0', 'cpu', 12) + _rebuild_tensor_v3(s, 1, (2,), (1,), False, {}, torch.float32)
        byte[] pkl = v3Pickle("float32");
        StateDict sd = StateDict.read(Fixtures.torchZip(dir.resolve("v3.pt"), pkl, Map.of("0", le32(1, 2, 3))));
        assertArrayEquals(new float[] {2, 3}, sd.get("w").toFloatArray());
        assertEquals(TensorDtype.F32, sd.get("w").dtype());

        Path fp8 = Fixtures.torchZip(dir.resolve("fp8.pt"), v3Pickle("float8_e4m3fn"), Map.of("0", le32(1, 2, 3)));
        IOException e = assertThrows(IOException.class, () -> StateDict.read(fp8));
        assertEquals(fp8 + ": unsupported tensor dtype torch.float8_e4m3fn", e.getMessage());
    }

    private static byte[] v3Pickle(String dtype) {
        return new Pickle().proto(2).emptyDict().str("w").global("torch._utils", "_rebuild_tensor_v3").mark()
                .mark().str("storage").global("torch.storage", "UntypedStorage").str("0").str("cpu").binint1(12).op('t')
                .op('Q').binint1(1).binint1(2).op(0x85).binint1(1).op(0x85).op(0x89).op('}').global("torch", dtype)
                .op('t').op('R').op('s').stop().bytes();
    }

    @Test
    void compressedEntriesAndBigEndianArchivesAreRefused() throws IOException {
        byte[] pkl = new Pickle().proto(2).emptyDict().stop().bytes();
        Path deflated = dir.resolve("deflated.pt");
        try (OutputStream out = Files.newOutputStream(deflated); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pkl);
            zip.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> StateDict.read(deflated));
        assertTrue(e.getMessage().startsWith(deflated + ": zip entry archive/data.pkl is compressed"), e.getMessage());

        Path big = dir.resolve("big.pt");
        Fixtures.torchZip(big, pkl, Map.of());
        Path withOrder = dir.resolve("order.pt");
        try (OutputStream out = Files.newOutputStream(withOrder); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setMethod(ZipOutputStream.STORED);
            for (String[] entry : new String[][] {{"archive/data.pkl", null}, {"archive/byteorder", "big"}}) {
                byte[] data = entry[1] == null ? pkl : entry[1].getBytes(StandardCharsets.US_ASCII);
                ZipEntry z = new ZipEntry(entry[0]);
                z.setSize(data.length);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(data);
                z.setCrc(crc.getValue());
                zip.putNextEntry(z);
                zip.write(data);
                zip.closeEntry();
            }
        }
        e = assertThrows(IOException.class, () -> StateDict.read(withOrder));
        assertEquals(withOrder + ": byte order 'big' is not supported, only 'little'", e.getMessage());
        assertEquals(0, StateDict.read(big).tensors().size());
    }

    @Test
    void nonTensorStateDictEntriesAndModulePrefixClashesAreErrors() throws IOException {
        byte[] notTensor = new Pickle().proto(2).emptyDict().str("epoch").binint1(3).setitem().stop().bytes();
        Path a = Fixtures.torchZip(dir.resolve("a.pt"), notTensor, Map.of());
        assertEquals(a + ": state-dict entry 'epoch' is an int, not a tensor",
                assertThrows(IOException.class, () -> StateDict.read(a)).getMessage());

        byte[] clash = new Pickle().proto(2).emptyDict().mark().str("module.w").tensor1d("0", 1).str("w").tensor1d("0", 1)
                .op('u').stop().bytes();
        Path b = Fixtures.torchZip(dir.resolve("b.pt"), clash, Map.of("0", le32(1)));
        assertTrue(assertThrows(IOException.class, () -> StateDict.read(b)).getMessage().contains("occurs twice"));
    }
}
