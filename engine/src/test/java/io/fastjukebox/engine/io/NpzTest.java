package io.fastjukebox.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsSeveralArraysInOrder() throws IOException {
        Map<String, NpyArray> in = new LinkedHashMap<>();
        in.put("level_0", NpyArray.ofInts(new int[] {1, 2, 3, 4}, 1, 4));
        in.put("level_1", NpyArray.ofInts(new int[] {5, 6}, 1, 2));
        in.put("audio", NpyArray.ofFloats(new float[] {0.5f}, 1));
        Path f = dir.resolve("codes.npz");
        Npz.write(f, in);
        Map<String, NpyArray> out = Npz.read(f);
        assertEquals(java.util.List.of("level_0", "level_1", "audio"), java.util.List.copyOf(out.keySet()));
        assertArrayEquals(new int[] {1, 2, 3, 4}, out.get("level_0").toIntArray());
        assertArrayEquals(new int[] {1, 4}, out.get("level_0").shape());
        assertEquals(0.5f, out.get("audio").toFloatArray()[0]);
    }

    @Test
    void foreignFilesGiveErrorsNamingTheFile() throws IOException {
        Path f = Files.writeString(dir.resolve("x.npz"), "not a zip");
        IOException e = assertThrows(IOException.class, () -> Npz.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Npz.write(dir.resolve("y.npz"), Map.of("../evil", NpyArray.ofInts(new int[1], 1))));
    }
}
