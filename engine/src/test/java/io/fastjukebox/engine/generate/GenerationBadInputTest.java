package io.fastjukebox.engine.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.testing.TinyModels;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.attention.AttentionOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad request fails with a message naming the culprit, before any sampling, and damages nothing. */
class GenerationBadInputTest {
    private static final GenerationListener QUIET = new GenerationListener() { };
    @TempDir
    static Path models;
    private static ModelSet set;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeModels() throws IOException {
        set = ModelSet.read(TinyModels.write(models));
        Provenance p = new Provenance("2026-01-01T00:00:00Z", "test", "trained", null, 0L, 0L, null, null, null);
        // a top prior whose vocabulary (32) does not match the VQ-VAE's 16 codes
        TinyModels.save(new PriorConfig(2, 16, 16, 2, 1, AttentionOrder.of(2), 4, 0.5, 1.0, 4.0, 32, false, null), 1,
                models.resolve("bins32.fjb"), p);
    }

    private static String message(Exception e) {
        return e.getMessage();
    }

    private JobRequest scratch(ModelSet s, double seconds) {
        return JobRequest.scratch(s, seconds, 1, GenerationSettings.defaults(1), true);
    }

    @Test
    void unknownModelFileIsNamed() {
        ModelSet missing = new ModelSet(null, set.vqvae(), models.resolve("nope.fjb").toString(), set.middle(), set.bottom());
        IOException e = assertThrows(IOException.class, () -> JobCreator.create(scratch(missing, 1), dir.resolve("j"), QUIET));
        assertTrue(message(e).contains("nope.fjb") && message(e).contains("no such model file"), message(e));
        assertFalse(Files.exists(dir.resolve("j")));
    }

    @Test
    void swappedUpsamplersAndWrongVocabularyAreRefused() {
        ModelSet swapped = new ModelSet(null, set.vqvae(), set.top(), set.bottom(), set.middle());
        IOException e = assertThrows(IOException.class, () -> JobCreator.create(scratch(swapped, 1), dir.resolve("j"), QUIET));
        assertTrue(message(e).contains("cannot be the middle prior") && message(e).contains("level 0, not level 1"), message(e));
        ModelSet bins = new ModelSet(null, set.vqvae(), models.resolve("bins32.fjb").toString(), set.middle(), set.bottom());
        e = assertThrows(IOException.class, () -> JobCreator.create(scratch(bins, 1), dir.resolve("j"), QUIET));
        assertTrue(message(e).contains("bins32.fjb") && message(e).contains("vocabulary 32"), message(e));
        ModelSet notAPrior = new ModelSet(null, set.vqvae(), set.vqvae(), set.middle(), set.bottom());
        e = assertThrows(IOException.class, () -> JobCreator.create(scratch(notAPrior, 1), dir.resolve("j"), QUIET));
        assertTrue(message(e).contains("is a 'vqvae' bundle, expected 'prior'"), message(e));
    }

    @Test
    void badDurationsAndPrimes() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> scratch(set, 0));
        assertThrows(IllegalArgumentException.class, () -> scratch(set, -3));
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> JobCreator.create(scratch(set, 0.001), dir.resolve("j"), QUIET));
        assertTrue(tooShort.getMessage().contains("shorter than one top-level code"), tooShort.getMessage());

        Path text = Files.writeString(dir.resolve("notes.wav"), "these are not audio samples, just text");
        GenerationSettings s = GenerationSettings.defaults(1);
        IllegalArgumentException longer = assertThrows(IllegalArgumentException.class, () -> JobCreator.create(
                new JobRequest(set, GenerationMode.PRIMED, 1, 1, s, true, text, 2, null, 0), dir.resolve("j"), QUIET));
        assertTrue(longer.getMessage().contains("must be shorter than the clip"), longer.getMessage());
        IOException unreadable = assertThrows(IOException.class, () -> JobCreator.create(
                new JobRequest(set, GenerationMode.PRIMED, 2, 1, s, true, text, 0.5, null, 0), dir.resolve("j"), QUIET));
        assertTrue(unreadable.getMessage().contains("notes.wav"), unreadable.getMessage());
        IOException missing = assertThrows(IOException.class, () -> JobCreator.create(
                new JobRequest(set, GenerationMode.PRIMED, 2, 1, s, true, dir.resolve("gone.wav"), 0.5, null, 0),
                dir.resolve("j"), QUIET));
        assertTrue(missing.getMessage().contains("gone.wav"), missing.getMessage());
        assertFalse(Files.exists(dir.resolve("j")));
    }

    @Test
    void anExistingJobIsNeverOverwritten() throws IOException {
        Path job = dir.resolve("job");
        JobCreator.create(scratch(set, 0.2), job, QUIET);
        byte[] before = Files.readAllBytes(job.resolve(JobFolder.JOB_FILE));
        IOException e = assertThrows(IOException.class, () -> JobCreator.create(scratch(set, 0.2), job, QUIET));
        assertTrue(e.getMessage().contains("use --resume"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(job.resolve(JobFolder.JOB_FILE)));
        IOException notAJob = assertThrows(IOException.class, () -> JobRunner.run(dir, new CancellationToken(), QUIET));
        assertTrue(notAJob.getMessage().contains("not a generation job folder"), notAJob.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JobFolder(job).chooseForUpsampling(java.util.List.of(4)));
    }

    @Test
    void aChangedModelIsRefusedOnResume() throws IOException {
        Path own = Files.createDirectory(dir.resolve("models"));
        ModelSet s = ModelSet.read(TinyModels.write(own));
        Path job = dir.resolve("job");
        JobCreator.create(scratch(s, 0.2), job, QUIET);
        Provenance p = new Provenance("2026-01-01T00:00:00Z", "test", "trained", null, 0L, 0L, null, null, null);
        TinyModels.save(TinyModels.top(16), 99, Path.of(s.top()), p);
        IOException e = assertThrows(IOException.class, () -> JobRunner.run(job, new CancellationToken(), QUIET));
        assertTrue(e.getMessage().contains("top model changed since the job started"), e.getMessage());
        assertEquals(JobStatus.CREATED, new JobFolder(job).readRecord().status());
    }
}
