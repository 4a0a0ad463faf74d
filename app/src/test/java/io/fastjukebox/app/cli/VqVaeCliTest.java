package io.fastjukebox.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.AudioReader;
import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.checkpoint.SafetensorsWriter;
import io.fastjukebox.engine.checkpoint.TensorData;
import io.fastjukebox.engine.nn.ParameterSpec;
import io.fastjukebox.engine.vqvae.CodesFile;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeConfig;
import io.fastjukebox.engine.vqvae.VqVaePresets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-vqvae, encode, decode and import through the command line, on a tiny model. */
class VqVaeCliTest {
    private static final String TINY = "{\"sample_rate\": 8000, \"levels\": 2, \"downs_t\": [2, 1], \"strides_t\": [2, 2], "
            + "\"emb_width\": 8, \"l_bins\": 16, \"width\": 8, \"depth\": 2, \"m_conv\": 1.0, \"dilation_growth_rate\": 3, "
            + "\"dilation_cycle\": null, \"multipliers\": [1, 1], \"reverse_decoder_dilation\": true, \"l_mu\": 0.99, "
            + "\"commit\": 0.02, \"revival_threshold\": 1.0}";

    @TempDir
    Path dir;

    private Path data() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        for (int f = 0; f < 3; f++) {
            float[] x = new float[8000];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.3 * Math.sin(2 * Math.PI * (220 + 55 * f) * i / 8000.0));
            }
            WavWriter.write(data.resolve("t" + f + ".wav"), new AudioClip(x, 8000), WavWriter.Encoding.PCM_16);
        }
        return data;
    }

    @Test
    void trainEncodeAndDecodeRoundTrip() throws IOException {
        Path preset = Files.writeString(dir.resolve("tiny.json"), TINY);
        Path model = dir.resolve("tiny.fjb");
        CliTest.Result train = CliTest.run("train-vqvae", "--data", data().toString(), "--preset", preset.toString(),
                "--out", model.toString(), "--steps", "6", "--batch-size", "2", "--sample-length", "2048",
                "--checkpoint-every", "3", "--validate-every", "3", "--hold-out-every", "3", "--threads", "1");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("step 6/6"), train.out());
        assertTrue(train.out().contains("validation at step 3"), train.out());
        assertTrue(train.out().contains("finished at step 6"), train.out());

        CliTest.Result more = CliTest.run("train-vqvae", "--data", dir.resolve("data").toString(), "--out", model.toString(),
                "--steps", "8", "--resume");
        assertEquals(0, more.exit(), more.err());
        assertTrue(more.out().contains("resuming") && more.out().contains("step 8/8"), more.out());

        Path codes = dir.resolve("codes.npz");
        CliTest.Result enc = CliTest.run("encode", dir.resolve("data/t1.wav").toString(), "--vqvae", model.toString(),
                "--out", codes.toString());
        assertEquals(0, enc.exit(), enc.err());
        assertTrue(enc.out().contains("the file scaled to -20 dBFS RMS"), enc.out()); // as its training files were
        CodesFile file = CodesFile.read(codes);
        assertEquals(2000, file.levels()[0][0].length);
        assertEquals(1000, file.levels()[1][0].length);

        Path wav = dir.resolve("back.wav");
        CliTest.Result dec = CliTest.run("decode", codes.toString(), "--level", "1", "--vqvae", model.toString(),
                "--out", wav.toString());
        assertEquals(0, dec.exit(), dec.err());
        AudioClip back = AudioReader.readMono(wav);
        assertEquals(8000, back.frames());
        assertEquals(8000, back.sampleRate());

        CliTest.Result bad = CliTest.run("decode", codes.toString(), "--level", "2", "--vqvae", model.toString(),
                "--out", dir.resolve("x.wav").toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("has levels 0..1, not level 2"), bad.err());
        assertFalse(Files.exists(dir.resolve("x.wav")));
    }

    @Test
    void importReportsMissingKeysAndConvertsAMatchingCheckpoint() throws IOException {
        Path preset = Files.writeString(dir.resolve("tiny.json"), TINY);
        VqVaeConfig config = VqVaePresets.resolve(preset.toString());
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        try (VqVae m = VqVae.initialise(config, 9)) {
            for (ParameterSpec s : m.parameters().specs().values()) {
                tensors.put("module." + s.name(), TensorData.ofFloats(m.parameters().values(s.name()), s.shape()));
            }
        }
        Path good = dir.resolve("good.safetensors");
        SafetensorsWriter.write(good, tensors, Map.of());
        Path out = dir.resolve("imported.fjb");
        CliTest.Result r = CliTest.run("import", "vqvae", good.toString(), "--preset", preset.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(tensors.size() + " of " + tensors.size() + " tensors match"), r.out());

        tensors.remove("module.decoders.1.out.bias");
        Path partial = dir.resolve("partial.safetensors");
        SafetensorsWriter.write(partial, tensors, Map.of());
        Path out2 = dir.resolve("partial.fjb");
        r = CliTest.run("import", "vqvae", partial.toString(), "--preset", preset.toString(), "--out", out2.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("1 missing: decoders.1.out.bias"), r.err());
        assertFalse(Files.exists(out2));
    }
}
