package io.fastjukebox.engine.distill.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.distill.StudentFactory;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.prior.ConditionerConfig;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorBundles;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.attention.AttentionOrder;
import io.fastjukebox.engine.vqvae.CodesFile;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeBundles;
import io.fastjukebox.engine.vqvae.VqVaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation report on tiny random priors, a tiny random VQ-VAE and a synthetic tone. */
class EvaluationTest {
    static final String VQVAE = "{\"sample_rate\": 8000, \"levels\": 2, \"downs_t\": [2, 1], \"strides_t\": [2, 2], "
            + "\"emb_width\": 8, \"l_bins\": 16, \"width\": 8, \"depth\": 2, \"m_conv\": 1.0, \"dilation_growth_rate\": 3, "
            + "\"dilation_cycle\": null, \"multipliers\": [1, 1], \"reverse_decoder_dilation\": true, \"l_mu\": 0.99, "
            + "\"commit\": 0.02, \"revival_threshold\": 1.0}";
    static final PriorConfig TOP = new PriorConfig(1, 32, 16, 6, 2, AttentionOrder.ROW_COLUMN_PREVIOUS_ROW, 4, 0.5, 1.0, 1.0,
            16, false, null);
    static final PriorConfig UP = new PriorConfig(0, 32, 16, 6, 2, AttentionOrder.ROW_COLUMN_PREVIOUS_ROW, 4, 0.5, 1.0, 1.0,
            16, false, new ConditionerConfig(16, 8, 1, 3, null, false, 1, 2));

    @TempDir
    Path dir;

    /** Codes of one clip: 256 level-0 and 128 level-1 codes, seeded. */
    static Path codes(Path file) throws IOException {
        SplittableRandom rng = new SplittableRandom(1);
        int[] l0 = rng.ints(256, 0, 16).toArray();
        int[] l1 = rng.ints(128, 0, 16).toArray();
        new CodesFile(8000, new int[] {4, 8}, new int[][][] {{l0}, {l1}}).write(file);
        return file;
    }

    static Path vqvae(Path file) throws IOException {
        try (VqVae v = VqVae.initialise(Json.mapper().readValue(VQVAE, VqVaeConfig.class), 1)) {
            VqVaeBundles.save(v, file, new Provenance(null, null, "initialised", null, 0L, 1L, null, null, null), Map.of());
        }
        return file;
    }

    static Path audio(Path dir) throws IOException {
        Files.createDirectories(dir);
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 330 * i / 8000.0));
        }
        WavWriter.write(dir.resolve("real.wav"), new AudioClip(x, 8000), WavWriter.Encoding.PCM_16);
        return dir;
    }

    /** Saves a random teacher of {@code config} and students of 3 layers (one narrower); returns teacher then students. */
    private List<Path> priors(PriorConfig config, String prefix) throws IOException {
        List<Path> out = new ArrayList<>();
        Provenance p = new Provenance(null, null, "trained", null, 0L, 1L, null, null, null);
        for (PriorConfig c : List.of(config, StudentFactory.config(config, 3, null), StudentFactory.config(config, 3, 8))) {
            Path f = dir.resolve(prefix + out.size() + ".fjb");
            try (Prior prior = Prior.initialise(c, out.size())) {
                PriorBundles.save(prior, f, p, Map.of());
            }
            out.add(f);
        }
        return out;
    }

    private static EvalParams quick() {
        return new EvalParams(3, 8, 1, 4, 1, 2, 0);
    }

    @Test
    void reportsSpeedLikelihoodClosenessAndMelDistanceForATopPrior() throws IOException {
        List<Path> p = priors(TOP, "p");
        EvalReport r = Evaluation.run(new Evaluation.Request(p.get(0), p.subList(1, 3), codes(dir.resolve("c.npz")),
                vqvae(dir.resolve("vq.fjb")), audio(dir.resolve("real")), quick()), new CancellationToken(), m -> { });
        assertEquals(3, r.windows()); // 128 codes hold 4 windows of 32; 3 asked for
        assertEquals(96, r.positions());
        assertEquals(3, r.models().size());
        EvalReport.ModelRow teacher = r.models().get(0);
        assertEquals("teacher", teacher.role());
        assertEquals(1.0, teacher.speedup(), 1e-12);
        assertEquals(0, teacher.klBitsPerToken(), 1e-12);
        assertEquals(1, teacher.top1Agreement(), 1e-12);
        assertEquals(0, teacher.melFrechetToTeacher(), 1e-9);
        for (EvalReport.ModelRow s : r.models().subList(1, 3)) {
            assertEquals("student", s.role());
            assertEquals("trained", s.mode());
            assertEquals(3, s.layers());
            assertEquals(2.0, s.layerRatio(), 1e-12);
            assertTrue(s.klBitsPerToken() > 0 && s.tokensPerSecond() > 0 && s.nllBitsPerToken() > 0, s.toString());
            assertTrue(s.melFrechetDistance() > 0 && Double.isFinite(s.melFrechetDistance()), s.toString());
            // near-uniform random priors draw the same codes from the same seed, so this may well be 0
            assertTrue(s.melFrechetToTeacher() >= 0 && Double.isFinite(s.melFrechetToTeacher()), s.toString());
        }
        assertTrue(teacher.parameters() > r.models().get(1).parameters());
        assertTrue(r.models().get(1).parameters() > r.models().get(2).parameters());

        Path md = dir.resolve("report.md");
        r.write(md);
        String text = Files.readString(md);
        assertTrue(text.contains("| `p1.fjb` | student | trained | 3 | 16 |"), text);
        assertTrue(text.contains("Mel FD: Fréchet distance"), text);
        EvalReport back = Json.mapper().readValue(dir.resolve("report.json").toFile(), EvalReport.class);
        assertEquals(r.models(), back.models());
    }

    @Test
    void evaluatesUpsamplersOnTheHeldOutUpperCodesAndRefusesMismatchedStudents() throws IOException {
        List<Path> p = priors(UP, "up");
        EvalReport r = Evaluation.run(new Evaluation.Request(p.get(0), p.subList(1, 2), codes(dir.resolve("c.npz")),
                vqvae(dir.resolve("vq.fjb")), audio(dir.resolve("real")), quick()), new CancellationToken(), m -> { });
        assertEquals(0, r.level());
        assertNotNull(r.models().get(1).melFrechetDistance());
        assertTrue(r.melReference().contains("conditioned on the held-out windows' upper codes"), r.melReference());

        Path top = priors(TOP, "top").get(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluation.run(new Evaluation.Request(
                p.get(0), List.of(top), dir.resolve("c.npz"), null, null, quick()), new CancellationToken(), m -> { }));
        assertTrue(e.getMessage().startsWith(top + ": models level 1 with n_ctx 32 and 16 codes, but the teacher models "
                + "level 0 with n_ctx 32 and 16 codes (upsampler)"), e.getMessage());
        EvalReport noMel = Evaluation.run(new Evaluation.Request(p.get(0), p.subList(1, 2), dir.resolve("c.npz"), null, null,
                quick()), new CancellationToken(), m -> { });
        assertNull(noMel.melReference());
        assertNull(noMel.models().get(1).melFrechetDistance());
        assertNull(noMel.models().get(1).melFrechetToTeacher());
    }
}
