package io.fastjukebox.engine.testing;

import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.generate.ModelSet;
import io.fastjukebox.engine.prior.ConditionerConfig;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorBundles;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.attention.AttentionOrder;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeBundles;
import io.fastjukebox.engine.vqvae.VqVaeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A random-weight three-level model set small enough for unit tests (8 kHz, hops 8/32/128, 16 codes),
 * shared with the app's tests through the engine's test-jar.
 */
public final class TinyModels {
    public static final VqVaeConfig VQVAE = new VqVaeConfig(8000, 3, List.of(3, 2, 2), List.of(2, 2, 2), 8, 16, 8, 1, 1.0, 3, null,
            List.of(1, 1, 1), true, 0.99, 0.02, 1.0);

    private TinyModels() {}

    public static PriorConfig top(int nCtx) {
        return new PriorConfig(2, nCtx, 16, 2, 1, AttentionOrder.of(2), 4, 0.5, 1.0, 4.0, 16, false, null);
    }

    public static PriorConfig upsampler(int level, int nCtx) {
        return new PriorConfig(level, nCtx, 16, 2, 1, AttentionOrder.of(2), 4, 0.5, 1.0, 4.0, 16, false,
                new ConditionerConfig(16, 8, 1, 3, null, false, 2, 2));
    }

    /** Writes the bundles and {@code models.json} into {@code dir}; returns the model set file. */
    public static Path write(Path dir) throws IOException {
        Provenance p = new Provenance("2026-01-01T00:00:00Z", "test", "trained", null, 0L, 0L, null, null, null);
        try (VqVae vq = VqVae.initialise(VQVAE, 1)) {
            VqVaeBundles.save(vq, dir.resolve("vq.fjb"), p, Map.of());
        }
        save(top(16), 2, dir.resolve("top.fjb"), p);
        save(upsampler(1, 32), 3, dir.resolve("middle.fjb"), p);
        save(upsampler(0, 32), 4, dir.resolve("bottom.fjb"), p);
        Path set = dir.resolve("models.json");
        new ModelSet("tiny", "vq.fjb", "top.fjb", "middle.fjb", "bottom.fjb").write(set);
        return set;
    }

    public static void save(PriorConfig config, long seed, Path file, Provenance p) throws IOException {
        try (Prior prior = Prior.initialise(config, seed)) {
            PriorBundles.save(prior, file, p, Map.of());
        }
    }
}
