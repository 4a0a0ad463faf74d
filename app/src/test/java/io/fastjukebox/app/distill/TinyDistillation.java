package io.fastjukebox.app.distill;

import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.attention.AttentionOrder;
import io.fastjukebox.engine.testing.TinyModels;
import io.fastjukebox.engine.vqvae.CodesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A teacher small enough to distil in a test (a top prior like {@link TinyModels#top}, but 6 layers of
 * the row / column / previous-row cycle, so 3- and 6-layer students exist) and random codes for it.
 */
public final class TinyDistillation {
    /** The teacher's architecture: level 2, n_ctx 16, width 16, 6 layers, attn_order 2. */
    public static final PriorConfig TEACHER = new PriorConfig(2, 16, 16, 6, 1, AttentionOrder.of(2), 4, 0.5, 1.0, 4.0,
            16, false, null);

    private TinyDistillation() {}

    /** Writes the teacher as {@code dir/teacher6.fjb}. */
    public static Path teacher(Path dir) throws IOException {
        Path file = Files.createDirectories(dir).resolve("teacher6.fjb");
        TinyModels.save(TEACHER, 5, file, new Provenance("2026-01-01T00:00:00Z", "test", "trained", null, 0L, 5L, null,
                null, null));
        return file;
    }

    /** Writes {@code clips} clips of random codes of the tiny VQ-VAE's three levels, {@code topLength} top codes each. */
    public static Path codes(Path file, int clips, int topLength, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][][] levels = new int[3][clips][];
        for (int c = 0; c < clips; c++) {
            for (int level = 0; level < 3; level++) {
                levels[level][c] = rng.ints(topLength << (2 * (2 - level)), 0, 16).toArray();
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        new CodesFile(TinyModels.VQVAE.sampleRate(), new int[] {8, 32, 128}, levels).write(file);
        return file;
    }
}
