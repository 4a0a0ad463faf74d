package io.fastjukebox.engine.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.testing.TinyModels;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeBundles;
import io.fastjukebox.engine.vqvae.VqVaeLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prime is encoded at the loudness the VQ-VAE's training files were scaled to: the same music, quiet
 * or loud, gives the same prime codes (the codes the priors were trained on), as training did.
 */
class PrimeLoudnessTest {
    private static final GenerationListener QUIET = new GenerationListener() { };
    private static final GenerationSettings SETTINGS =
            new GenerationSettings(3, new PerLevel(1, 1, 1), 0, 0, new PerLevel(0.25, 0.5, 0.5), 16, 8);

    @TempDir
    Path dir;

    private Path prime(String name, float[] music, double gain) throws IOException {
        float[] x = new float[music.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (music[i] * gain);
        }
        Path file = dir.resolve(name);
        WavWriter.write(file, new AudioClip(x, 8000), WavWriter.Encoding.FLOAT_32);
        return file;
    }

    private int[][] primeCodes(ModelSet set, Path prime, String job) throws IOException {
        Path out = dir.resolve(job);
        JobCreator.create(new JobRequest(set, GenerationMode.PRIMED, 1.0, 1, SETTINGS, false, prime, 0.5, null, 0), out, QUIET);
        JobFolder f = new JobFolder(out);
        int[][] codes = f.readCodes(f.readRecord(), 1);
        for (int l = 0; l < 3; l++) {
            codes[l] = Arrays.copyOf(codes[l], 3968 / TinyModels.VQVAE.hopLength(l)); // the prime: 0.5 s, whole top codes
        }
        return codes;
    }

    @Test
    void quietAndLoudPrimesGiveTheSameCodesWhenTheVqVaeWasTrainedAtOneLoudness() throws IOException {
        // Tiny models whose VQ-VAE has codebook vectors of different lengths, so that its codes depend on loudness
        Path plainDir = Files.createDirectory(dir.resolve("plain"));
        Path normalisedDir = Files.createDirectory(dir.resolve("normalised"));
        ModelSet plain = ModelSet.read(TinyModels.write(plainDir));
        ModelSet normalised = ModelSet.read(TinyModels.write(normalisedDir));
        Provenance none = new Provenance("2026-01-01T00:00:00Z", "test", "trained", null, 0L, 0L, null, null, null);
        Provenance trained = new Provenance("2026-01-01T00:00:00Z", "test", "trained", null, 0L, 0L, null, null,
                Map.of("train_params", Map.of("target_rms_dbfs", -20.0)));
        try (VqVae vq = VqVae.initialise(TinyModels.VQVAE, 1)) {
            Random codebooks = new Random(9);
            for (int level = 0; level < 3; level++) {
                float[] v = vq.parameters().values(VqVaeLayout.codebook(level));
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (codebooks.nextGaussian() * Math.exp(codebooks.nextGaussian()));
                }
                vq.parameters().set(VqVaeLayout.codebook(level), v);
            }
            VqVaeBundles.save(vq, plainDir.resolve("vq.fjb"), none, Map.of());
            VqVaeBundles.save(vq, normalisedDir.resolve("vq.fjb"), trained, Map.of());
        }
        Random rng = new Random(5);
        float[] music = new float[8000];
        for (int i = 0; i < music.length; i++) {
            music[i] = (float) (0.3 * Math.sin(2 * Math.PI * 330 * i / 8000.0) + 0.05 * rng.nextGaussian());
        }
        Path loud = prime("loud.wav", music, 2.0);
        Path quiet = prime("quiet.wav", music, 0.05);

        assertFalse(Arrays.deepEquals(primeCodes(plain, loud, "p-loud"), primeCodes(plain, quiet, "p-quiet")),
                "this VQ-VAE's codes depend on loudness, so the check below means something");
        int[][] fromLoud = primeCodes(normalised, loud, "n-loud");
        int[][] fromQuiet = primeCodes(normalised, quiet, "n-quiet");
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(fromLoud[l], fromQuiet[l], "level " + l);
        }
    }
}
