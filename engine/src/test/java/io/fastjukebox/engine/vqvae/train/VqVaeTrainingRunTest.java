package io.fastjukebox.engine.vqvae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.jobs.TrainingListener;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints, cancellation and exact resume of train-vqvae jobs. */
class VqVaeTrainingRunTest {
    @TempDir
    Path dir;

    private VqVaeTrainParams params(long steps) {
        return new VqVaeTrainParams(steps, 2, 2048, 1e-3, 5, 0, 1.0, 0.02, 64, 1.0, 1.0, -20, 3, 4, 0, 11);
    }

    @Test
    void aCancelledAndResumedRunEndsWhereAnUninterruptedOneDoes() throws IOException {
        Path data = VqVaeTrainerTest.synthetic(Files.createDirectory(dir.resolve("data")), 4);
        Path straight = dir.resolve("straight.fjb");
        assertEquals(12, VqVaeTrainingRun.run(new VqVaeTrainingRun.Request(data, VqVaeTrainerTest.TINY, params(12), straight, false),
                new CancellationToken(), new TrainingListener() {}));

        Path resumed = dir.resolve("resumed.fjb");
        CancellationToken cancel = new CancellationToken();
        long stopped = VqVaeTrainingRun.run(new VqVaeTrainingRun.Request(data, VqVaeTrainerTest.TINY, params(12), resumed, false),
                cancel, new TrainingListener() {
                    @Override
                    public void onStep(Step step) {
                        if (step.step() == 6) {
                            cancel.cancel(); // like Ctrl-C: stop after this step and keep it
                        }
                    }
                });
        assertEquals(6, stopped);
        assertEquals(6L, ModelBundle.read(VqVaeTrainingRun.checkpointPath(resumed), "vqvae").manifest().provenance().steps());
        assertEquals(12, VqVaeTrainingRun.run(new VqVaeTrainingRun.Request(data, VqVaeTrainerTest.TINY, params(12), resumed, true),
                new CancellationToken(), new TrainingListener() {}));

        try (VqVae a = VqVaeBundles.load(straight); VqVae b = VqVaeBundles.load(resumed)) {
            double worst = 0;
            for (String name : a.parameters().specs().keySet()) {
                float[] x = a.parameters().values(name);
                float[] y = b.parameters().values(name);
                for (int i = 0; i < x.length; i++) {
                    worst = Math.max(worst, Math.abs(x[i] - y[i]));
                }
            }
            assertTrue(worst < 1e-4, "resumed parameters differ by " + worst);
        }
    }

    @Test
    void refusesToOverwriteACheckpointOrResumeWithoutOneOrWithOtherData() throws IOException {
        Path data = VqVaeTrainerTest.synthetic(Files.createDirectory(dir.resolve("data")), 4);
        Path out = dir.resolve("m.fjb");
        IOException e = assertThrows(IOException.class, () -> VqVaeTrainingRun.run(
                new VqVaeTrainingRun.Request(data, VqVaeTrainerTest.TINY, params(2), out, true), new CancellationToken(),
                new TrainingListener() {}));
        assertTrue(e.getMessage().contains("no training checkpoint to resume from"), e.getMessage());

        VqVaeTrainingRun.run(new VqVaeTrainingRun.Request(data, VqVaeTrainerTest.TINY, params(2), out, false),
                new CancellationToken(), new TrainingListener() {});
        e = assertThrows(IOException.class, () -> VqVaeTrainingRun.run(
                new VqVaeTrainingRun.Request(data, VqVaeTrainerTest.TINY, params(2), out, false), new CancellationToken(),
                new TrainingListener() {}));
        assertTrue(e.getMessage().contains("use --resume"), e.getMessage());

        Files.delete(data.resolve("tone0.wav"));
        e = assertThrows(IOException.class, () -> VqVaeTrainingRun.run(
                new VqVaeTrainingRun.Request(data, VqVaeTrainerTest.TINY, params(4), out, true), new CancellationToken(),
                new TrainingListener() {}));
        assertTrue(e.getMessage().contains("differ from those the checkpoint was trained on"), e.getMessage());
    }
}
