package io.fastjukebox.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorBundles;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.vqvae.CodesFile;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeBundles;
import io.fastjukebox.engine.vqvae.VqVaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** distill (three modes, resume, bad input), eval and bench --depths through the command line, on tiny models. */
class DistillCliTest {
    private static final String TOP = "{\"level\": 1, \"n_ctx\": 32, \"width\": 16, \"depth\": 6, \"heads\": 2, "
            + "\"attn_order\": 2, "
            + "\"blocks\": 4, \"m_attn\": 0.5, \"m_mlp\": 1.0, \"init_scale\": 1.0, \"bins\": 16, \"merged_decoder\": false, "
            + "\"conditioner\": null}";
    private static final String VQVAE = "{\"sample_rate\": 8000, \"levels\": 2, \"downs_t\": [2, 1], \"strides_t\": [2, 2], "
            + "\"emb_width\": 8, \"l_bins\": 16, \"width\": 8, \"depth\": 2, \"m_conv\": 1.0, \"dilation_growth_rate\": 3, "
            + "\"dilation_cycle\": null, \"multipliers\": [1, 1], \"reverse_decoder_dilation\": true, \"l_mu\": 0.99, "
            + "\"commit\": 0.02, \"revival_threshold\": 1.0}";

    @TempDir
    Path dir;

    private Path setUp() throws IOException {
        Provenance made = new Provenance(null, null, "trained", null, 0L, 1L, null, null, null);
        try (Prior teacher = Prior.initialise(Json.mapper().readValue(TOP, PriorConfig.class), 1)) {
            PriorBundles.save(teacher, dir.resolve("teacher.fjb"), made, Map.of());
        }
        SplittableRandom rng = new SplittableRandom(2);
        int[][] l0 = {rng.ints(512, 0, 16).toArray(), rng.ints(512, 0, 16).toArray()};
        int[][] l1 = {rng.ints(256, 0, 16).toArray(), rng.ints(256, 0, 16).toArray()};
        new CodesFile(8000, new int[] {4, 8}, new int[][][] {l0, l1}).write(dir.resolve("codes.npz"));
        try (VqVae v = VqVae.initialise(Json.mapper().readValue(VQVAE, VqVaeConfig.class), 1)) {
            VqVaeBundles.save(v, dir.resolve("vq.fjb"), made, Map.of());
        }
        Path audio = Files.createDirectory(dir.resolve("real"));
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 330 * i / 8000.0));
        }
        WavWriter.write(audio.resolve("a.wav"), new AudioClip(x, 8000), WavWriter.Encoding.PCM_16);
        return dir.resolve("teacher.fjb");
    }

    /** {@code distill} with tiny settings; {@code more} are options (with their values) that replace or add to them. */
    private CliTest.Result distill(String mode, String out, String... more) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("--teacher", dir.resolve("teacher.fjb").toString());
        options.put("--layers", "3");
        options.put("--level", "top");
        options.put("--data", dir.resolve("codes.npz").toString());
        options.put("--mode", mode);
        options.put("--epochs", "1,1");
        options.put("--steps-per-epoch", "2");
        options.put("--batch-size", "2");
        options.put("--validate-every", "2");
        options.put("--out", dir.resolve(out).toString());
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("distill"));
        for (int i = 0; i < more.length; i++) {
            if (more[i].equals("--resume")) {
                args.add(more[i]);
            } else {
                options.put(more[i], more[++i]);
            }
        }
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void distillsInEveryModeThenEvaluatesTheStudents() throws IOException {
        Path teacher = setUp();
        CliTest.Result r = distill("full", "full.fjb");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("layer mapping, 6 teacher layers -> 3 student layers"), r.out());
        assertTrue(r.out().contains("row:          0<-3"), r.out());
        assertTrue(r.out().contains("phase 2/2: prediction-layer distillation"), r.out());
        assertTrue(r.out().contains("hidden_mse") && r.out().contains("soft_ce"), r.out());
        assertTrue(r.out().contains("kl_to_teacher_bits"), r.out());
        assertTrue(r.out().contains("finished at step 4"), r.out());

        r = distill("full", "full.fjb", "--resume");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("resuming ") && r.out().contains("at step 4 of 4"), r.out());

        assertEquals(0, distill("intermediate", "w.fjb", "--width", "8").exit());
        r = distill("mle", "mle.fjb");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("phase 1/1: next-token cross-entropy") && r.out().contains("hard_ce"), r.out());

        Path report = dir.resolve("report.md");
        r = CliTest.run("eval", "--teacher", teacher.toString(), "--students", dir.resolve("full.fjb") + ","
                + dir.resolve("w.fjb") + "," + dir.resolve("mle.fjb"), "--codes", dir.resolve("codes.npz").toString(),
                "--vqvae", dir.resolve("vq.fjb").toString(), "--audio", dir.resolve("real").toString(), "--out",
                report.toString(), "--windows", "4", "--tokens", "8", "--warmup", "4", "--repeats", "1", "--clips", "2");
        assertEquals(0, r.exit(), r.err());
        String md = Files.readString(report);
        assertTrue(md.contains("| `full.fjb` | student | full | 3 | 16 |"), md);
        assertTrue(md.contains("| `w.fjb` | student | intermediate | 3 | 8 |"), md);
        assertTrue(md.contains("| `mle.fjb` | student | mle | 3 | 16 |"), md);
        assertTrue(md.contains("Mel FD: Fréchet distance"), md);
        assertEquals(4, Json.mapper().readTree(dir.resolve("report.json").toFile()).get("models").size());
        assertTrue(r.out().contains("wrote " + report), r.out());

        r = CliTest.run("bench", "prior", "--preset", Files.writeString(dir.resolve("top.json"), TOP).toString(), "--depths",
                "6,3", "--tokens", "8", "--warmup", "4", "--repeats", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("| 3 | ") && r.out().contains("(1.80x)"), r.out());
    }

    @Test
    void badInputIsNamed() throws IOException {
        setUp();
        CliTest.Result r = distill("full", "a.fjb", "--layers", "4");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("4 student layers break the attention-pattern cycle of 3 (row, column, previous-row)"),
                r.err());
        r = distill("full", "b.fjb", "--level", "bottom");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("the data's level 0 is not the level the teacher teacher.fjb models (1)"), r.err());
        r = distill("full", "c.fjb", "--epochs", "20");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--epochs 20: give the epochs of both phases as E1,E2"), r.err());
        r = distill("distil", "d.fjb");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("mode 'distil' is not one of full, intermediate, mle"), r.err());
        r = distill("full", "e.fjb", "--data", dir.resolve("real").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("encoding an audio folder needs a VQ-VAE (--vqvae)"), r.err());
        r = distill("full", "f.fjb", "--teacher", dir.resolve("missing.fjb").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("missing.fjb: no such file"), r.err());
        r = CliTest.run("eval", "--teacher", dir.resolve("teacher.fjb").toString(), "--students",
                dir.resolve("teacher.fjb").toString(), "--codes", dir.resolve("codes.npz").toString(), "--vqvae",
                dir.resolve("vq.fjb").toString(), "--out", dir.resolve("r.md").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("needs both a VQ-VAE and a folder of real audio"), r.err());
        r = CliTest.run("eval", "--teacher", dir.resolve("teacher.fjb").toString(), "--students",
                dir.resolve("teacher.fjb").toString(), "--codes", dir.resolve("real").toString(), "--out",
                dir.resolve("r.md").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("real: not a codes file (give the .npz that 'encode' writes)"), r.err());
    }
}
