package io.fastjukebox.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsFloatsDoublesAndIntsWithTheirShapes() throws IOException {
        Path f = dir.resolve("f.npy");
        Npy.write(f, NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        NpyArray a = Npy.read(f);
        assertEquals(NpyDtype.FLOAT32, a.dtype());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.toFloatArray());

        Npy.write(f, NpyArray.ofInts(new int[] {7, -8, 2047}, 3));
        assertArrayEquals(new int[] {7, -8, 2047}, Npy.read(f).toIntArray());

        Npy.write(f, NpyArray.ofDoubles(new double[] {Math.PI}));
        NpyArray scalar = Npy.read(f);
        assertEquals(0, scalar.shape().length);
        assertEquals(Math.PI, scalar.toDoubleArray()[0]);
    }

    @Test
    void headerIsPaddedToAMultipleOfSixtyFourBytesAsNumpyWritesIt() throws IOException {
        Path f = dir.resolve("h.npy");
        Npy.write(f, NpyArray.ofInts(new int[5], 5));
        byte[] bytes = Files.readAllBytes(f);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<i4', 'fortran_order': False, 'shape': (5,), }"), header);
        assertTrue(header.endsWith("\n"));
    }

    @Test
    void readsBigEndianData() throws IOException {
        byte[] header = "{'descr': '>i2', 'fortran_order': False, 'shape': (2,), }          \n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] file = new byte[10 + header.length + 4];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length, 0};
        System.arraycopy(magic, 0, file, 0, 10);
        System.arraycopy(header, 0, file, 10, header.length);
        int at = 10 + header.length;
        file[at] = 0x01; // 0x0102 = 258
        file[at + 1] = 0x02;
        file[at + 2] = (byte) 0xff; // -1
        file[at + 3] = (byte) 0xff;
        Path f = dir.resolve("be.npy");
        Files.write(f, file);
        assertArrayEquals(new int[] {258, -1}, Npy.read(f).toIntArray());
    }

    @Test
    void truncatedAndForeignFilesGiveErrorsNamingTheFile() throws IOException {
        Path f = dir.resolve("t.npy");
        Npy.write(f, NpyArray.ofFloats(new float[100], 100));
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 10));
        IOException e = assertThrows(IOException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().startsWith(f + ": truncated"), e.getMessage());

        Files.writeString(f, "hello, not numpy");
        e = assertThrows(IOException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().contains("not a .npy file"), e.getMessage());
    }

    @Test
    void rejectsFortranOrderAndUnknownTypes() throws IOException {
        for (String dict : new String[] {
                "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }",
                "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }"}) {
            byte[] h = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] file = new byte[10 + h.length + 8];
            byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, 0};
            System.arraycopy(magic, 0, file, 0, 10);
            System.arraycopy(h, 0, file, 10, h.length);
            Path f = dir.resolve("x.npy");
            Files.write(f, file);
            IOException e = assertThrows(IOException.class, () -> Npy.read(f));
            assertTrue(e.getMessage().contains("Fortran") || e.getMessage().contains("unsupported dtype '<c8'"),
                    e.getMessage());
        }
    }
}
