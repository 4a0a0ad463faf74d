package io.fastjukebox.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-prior, score and bench through the command line, on a tiny VQ-VAE and tiny priors. */
class PriorCliTest {
    private static final String VQVAE = "{\"sample_rate\": 8000, \"levels\": 2, \"downs_t\": [2, 1], \"strides_t\": [2, 2], "
            + "\"emb_width\": 8, \"l_bins\": 16, \"width\": 8, \"depth\": 2, \"m_conv\": 1.0, \"dilation_growth_rate\": 3, "
            + "\"dilation_cycle\": null, \"multipliers\": [1, 1], \"reverse_decoder_dilation\": true, \"l_mu\": 0.99, "
            + "\"commit\": 0.02, \"revival_threshold\": 1.0}";
    private static final String TOP = "{\"level\": 1, \"n_ctx\": 32, \"width\": 16, \"depth\": 3, \"heads\": 2, \"attn_order\": 2, "
            + "\"blocks\": 4, \"m_attn\": 0.5, \"m_mlp\": 1.0, \"init_scale\": 1.0, \"bins\": 16, \"merged_decoder\": false, "
            + "\"conditioner\": null}";
    private static final String UP = TOP.replace("\"level\": 1", "\"level\": 0").replace("\"conditioner\": null",
            "\"conditioner\": {\"bins\": 16, \"width\": 8, \"depth\": 2, \"dilation_growth_rate\": 3, \"dilation_cycle\": null, "
                    + "\"res_scale\": false, \"downs_t\": 1, \"strides_t\": 2}");

    @TempDir
    Path dir;

    @Test
    void trainTopAndUpsamplerThenScoreAndBench() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        for (int f = 0; f < 3; f++) {
            float[] x = new float[8000];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.3 * Math.sin(2 * Math.PI * (220 + 55 * f) * i / 8000.0));
            }
            WavWriter.write(data.resolve("t" + f + ".wav"), new AudioClip(x, 8000), WavWriter.Encoding.PCM_16);
        }
        Path vqvae = dir.resolve("vq.fjb");
        CliTest.Result r = CliTest.run("train-vqvae", "--data", data.toString(), "--preset",
                Files.writeString(dir.resolve("vq.json"), VQVAE).toString(), "--out", vqvae.toString(), "--steps", "2",
                "--batch-size", "1", "--sample-length", "2048", "--validate-every", "0");
        assertEquals(0, r.exit(), r.err());

        Path top = dir.resolve("top.fjb");
        r = CliTest.run("train-prior", "--vqvae", vqvae.toString(), "--data", data.toString(), "--level", "top",
                "--preset", Files.writeString(dir.resolve("top.json"), TOP).toString(), "--out", top.toString(),
                "--steps", "4", "--batch-size", "2", "--validate-every", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("encoding t0.wav") && r.out().contains("step 4/4"), r.out());
        assertTrue(r.out().contains("held_out_bits_per_token"), r.out());

        Path up = dir.resolve("up.fjb");
        r = CliTest.run("train-prior", "--vqvae", vqvae.toString(), "--data", data.toString(), "--level", "bottom",
                "--preset", Files.writeString(dir.resolve("up.json"), UP).toString(), "--out", up.toString(),
                "--steps", "3", "--batch-size", "2");
        assertEquals(0, r.exit(), r.err());

        r = CliTest.run("train-prior", "--vqvae", vqvae.toString(), "--data", data.toString(), "--level", "top",
                "--preset", dir.resolve("up.json").toString(), "--out", dir.resolve("bad.fjb").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("the prior config is for level 0, not level 1"), r.err());

        Path codes = dir.resolve("codes.npz");
        assertEquals(0, CliTest.run("encode", data.resolve("t2.wav").toString(), "--vqvae", vqvae.toString(), "--out",
                codes.toString()).exit());
        Path lp = dir.resolve("lp.npy");
        r = CliTest.run("score", "--prior", up.toString(), "--codes", codes.toString(), "--npy", lp.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("bits per token"), r.out());
        assertEquals(2000 / 32 * 32, Npy.read(lp).numel());

        r = CliTest.run("bench", "prior", "--prior", top.toString(), "--tokens", "16", "--warmup", "4");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("tokens/s"), r.out());
    }
}
