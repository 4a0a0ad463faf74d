package io.fastjukebox.app.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.AudioReader;
import io.fastjukebox.engine.generate.GenerationListener;
import io.fastjukebox.engine.generate.GenerationMode;
import io.fastjukebox.engine.generate.GenerationSettings;
import io.fastjukebox.engine.generate.JobCreator;
import io.fastjukebox.engine.generate.JobRecord;
import io.fastjukebox.engine.generate.JobRequest;
import io.fastjukebox.engine.generate.JobRunner;
import io.fastjukebox.engine.generate.JobStatus;
import io.fastjukebox.engine.generate.ModelSet;
import io.fastjukebox.engine.generate.PerLevel;
import io.fastjukebox.engine.jobs.CancellationToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trained family committed in {@code assets/models}: every bundle readable, the three model sets valid, the
 * library showing each prior's measured speed from the bundled evaluation reports, and the default set
 * generating audible audio. Guards against a truncated, swapped or missing bundle reaching users.
 */
class BundledFamilyTest {
    private static final List<String> SETS = List.of("default.json", "teachers.json", "baselines.json");

    @TempDir
    Path tmp;

    static Path bundled() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("assets/models/default.json"))) {
                return dir.resolve("assets/models");
            }
        }
        throw new AssertionError("no assets/models/default.json above " + Path.of("").toAbsolutePath());
    }

    @Test
    void theLibraryListsTheWholeFamilyWithMeasuredSpeedsAndTheDefaultSetChosen() throws Exception {
        ModelsViewModel vm = new ModelsViewModel(new Workspace(tmp.resolve("ws"), bundled()), Runnable::run, Runnable::run);
        vm.scan().get();

        assertEquals(List.of(), vm.missingModels().stream().toList(), vm.statusProperty().get());
        assertEquals(1, vm.vqvaeOptions().size());
        for (int level = 0; level < 3; level++) {
            List<ModelEntry> priors = vm.priorOptions(level);
            assertEquals(5, priors.size(), "a teacher and four students at level " + level + ": " + priors);
            for (ModelEntry e : priors) {
                assertTrue(e.speedText().contains("tokens/s in eval"), e.name() + ": " + e.speedText());
                if (!e.name().endsWith("teacher.fjb")) {
                    assertTrue(e.speedText().contains("× teacher"), e.name() + ": " + e.speedText());
                    String teacher = PerLevel.name(level) + "-teacher.fjb"; // the paper's ablation, told apart
                    assertEquals(e.name().contains("-mle-") ? "MLE baseline (no teacher) for " + teacher
                            : "distilled from " + teacher, e.provenanceText());
                }
            }
        }
        ModelSet chosen = vm.currentSetProperty().get();
        assertTrue(chosen.top().endsWith("top-full-9.fjb") && chosen.bottom().endsWith("bottom-full-9.fjb"), chosen.toString());
        for (String set : SETS) {
            assertTrue(vm.savedSets().contains(bundled().resolve(set)), set + " offered: " + vm.savedSets());
        }
    }

    @Test
    void everyModelSetIsValidAndTheDefaultGeneratesAudibleAudio() throws Exception {
        GenerationListener quiet = new GenerationListener() { };
        for (String set : SETS) { // validation reads manifests and checksums only: nothing is sampled
            Path job = tmp.resolve("check-" + set);
            ModelSet models = ModelSet.read(bundled().resolve(set));
            assertEquals(new PerLevel(0.98, 0.2, 0.2), models.temperature(),
                    set + ": the family's measured temperatures (README \"Quality, plainly\")");
            GenerationSettings settings = GenerationSettings.defaults(3);
            settings = new GenerationSettings(3, models.temperature(), 0, 0, settings.hopFraction(), settings.maxBatchSize(),
                    settings.chunkSize());
            JobRequest r = new JobRequest(models, GenerationMode.SCRATCH, 0.5, 1,
                    settings, set.equals("default.json"), null, 0, null, 0);
            JobCreator.create(r, job, quiet);
            if (set.equals("default.json")) {
                JobRecord done = JobRunner.run(job, new CancellationToken(), quiet);
                assertEquals(JobStatus.FINISHED, done.status());
                AudioClip clip = AudioReader.readMono(job.resolve("candidate-1/bottom.wav"));
                double sum = 0;
                for (float x : clip.samples()) {
                    sum += x * x;
                }
                double rmsDb = 10 * Math.log10(sum / clip.samples().length + 1e-20);
                assertEquals(22050, clip.sampleRate());
                assertTrue(rmsDb > -45 && rmsDb < -3, "RMS " + rmsDb + " dBFS: neither silent nor clipped");
            }
        }
    }
}
