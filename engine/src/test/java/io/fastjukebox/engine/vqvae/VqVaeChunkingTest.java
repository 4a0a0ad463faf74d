package io.fastjukebox.engine.vqvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chunked encoding and decoding equal a single pass over the whole clip. */
class VqVaeChunkingTest {
    static final VqVaeConfig TINY = new VqVaeConfig(22050, 3, List.of(2, 1, 1), List.of(2, 2, 2), 8, 32, 8, 2, 1.0, 3,
            null, List.of(2, 1, 1), true, 0.99, 0.02, 1.0);
    private static VqVae model;

    @BeforeAll
    static void build() {
        model = VqVae.initialise(TINY, 42);
        Random rng = new Random(1);
        for (int level = 0; level < 3; level++) {
            float[] k = new float[32 * 8];
            for (int i = 0; i < k.length; i++) {
                k[i] = (float) (rng.nextGaussian() * 0.3);
            }
            model.parameters().set(VqVaeLayout.codebook(level), k);
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void codesHaveOneEntryPerHopAtEveryLevel() {
        int[][] codes = model.encode(signal(1000));
        assertEquals(250, codes[0].length);
        assertEquals(125, codes[1].length);
        assertEquals(62, codes[2].length);
        for (int[] level : codes) {
            for (int c : level) {
                assertTrue(c >= 0 && c < 32);
            }
        }
        assertEquals(62 * 16, model.decode(codes[2], 2).length);
    }

    @Test
    void chunkedEncodingEqualsOnePass() {
        float[] x = signal(3001);
        int[][] whole = model.encode(x, 1 << 20);
        int[][] chunked = model.encode(x, 96);
        for (int level = 0; level < 3; level++) {
            assertArrayEquals(whole[level], chunked[level], "level " + level);
        }
    }

    @Test
    void chunkedDecodingEqualsOnePass() {
        int[][] codes = model.encode(signal(3001));
        for (int level = 0; level < 3; level++) {
            float[] whole = model.decode(codes[level], level, 1 << 20);
            float[] chunked = model.decode(codes[level], level, 64);
            assertEquals(whole.length, chunked.length);
            for (int i = 0; i < whole.length; i++) {
                assertEquals(whole[i], chunked[i], 1e-5f, "level " + level + " sample " + i);
            }
        }
    }

    @Test
    void batchesGiveTheSameCodesAndAudioAsSingleClips() {
        float[] a = signal(1500);
        float[] b = signal(1501);
        b = java.util.Arrays.copyOf(b, 1500);
        int[][][] batch = model.encode(new float[][] {a, b}, 200);
        int[][] single = model.encode(b, 1 << 20);
        for (int level = 0; level < 3; level++) {
            assertArrayEquals(single[level], batch[level][1], "level " + level);
            float[][] decoded = model.decode(batch[level], level, 160);
            float[] alone = model.decode(single[level], level);
            for (int i = 0; i < alone.length; i++) {
                assertEquals(alone[i], decoded[1][i], 1e-5f);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> model.encode(new float[][] {a, new float[10]}, 100));
    }

    @Test
    void codesOutsideTheCodebookAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.decode(new int[] {3, 32}, 1));
        assertEquals("code 32 at position 1 of level 1 is outside the codebook [0, 32)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.decode(new int[] {1}, 3));
    }

    static float[] signal(int n) {
        Random rng = new Random(n);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(i * 0.05) + 0.3 * Math.sin(i * 0.31) + 0.05 * rng.nextGaussian());
        }
        return x;
    }
}
