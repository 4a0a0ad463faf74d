package io.fastjukebox.engine.vqvae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.jobs.TrainingListener;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VqVaeTrainerTest {
    static final VqVaeConfig TINY = new VqVaeConfig(8000, 2, List.of(2, 1), List.of(2, 2), 8, 16, 8, 2, 1.0, 3,
            null, List.of(1, 1), true, 0.99, 0.02, 1.0);

    /** A folder of short synthetic "melodies": harmonic tones with changing pitch. */
    static Path synthetic(Path dir, int files) throws IOException {
        Random rng = new Random(5);
        for (int f = 0; f < files; f++) {
            float[] x = new float[8000 * 2];
            double phase = 0;
            for (int i = 0; i < x.length; i++) {
                double hz = 110 * Math.pow(2, ((i / 2000) % 5 + f) / 12.0 * 2);
                phase += 2 * Math.PI * hz / 8000;
                x[i] = (float) (0.3 * Math.sin(phase) + 0.1 * Math.sin(2 * phase) + 0.01 * rng.nextGaussian());
            }
            WavWriter.write(dir.resolve("tone" + f + ".wav"), new AudioClip(x, 8000), WavWriter.Encoding.PCM_16);
        }
        return dir;
    }

    @Test
    void aFewHundredStepsClearlyReduceTheReconstructionLoss(@TempDir Path dir) throws IOException {
        TrainingAudio data = TrainingAudio.load(synthetic(dir, 4), 8000, OptionalDouble.of(-20), 0, 2048);
        VqVaeTrainParams params = new VqVaeTrainParams(150, 2, 2048, 2e-3, 10, 0, 1.0, 0.02, 64, 1.0, 1.0, -20, 0, 1000, 0, 3);
        Bandwidth bw = data.bandwidth(2048, 8000 * 4, x -> 1.0);
        List<Double> recons = new ArrayList<>();
        try (VqVae model = VqVae.initialise(TINY, 3)) {
            VqVaeTrainer trainer = new VqVaeTrainer(model, data, params, bw);
            trainer.run(1, new CancellationToken(), new TrainingListener() {
                @Override
                public void onStep(Step step) {
                    Map<String, Double> m = step.metrics();
                    recons.add(m.get("recons_l1") + m.get("recons_l2"));
                    assertTrue(m.get("used_codes_l1") >= 1);
                }
            }, step -> dir.resolve("unused"));
        }
        double first = recons.subList(0, 10).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = recons.subList(recons.size() - 10, recons.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(150, recons.size());
        assertTrue(last < 0.5 * first, "reconstruction loss went from " + first + " to " + last);
    }
}
