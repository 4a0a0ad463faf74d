package io.fastjukebox.app.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.app.jobs.JobQueue;
import io.fastjukebox.app.jobs.ManualExecutor;
import io.fastjukebox.app.jobs.QueuedJob;
import io.fastjukebox.app.jobs.UiBridge;
import io.fastjukebox.app.models.ModelEntry;
import io.fastjukebox.app.models.ModelsViewModel;
import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.prior.PriorBundles;
import io.fastjukebox.engine.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Distill screen's state and runs, without any UI: the engine queue runs each job when the test says so. */
class DistillViewModelTest {
    @TempDir
    Path root;

    private Workspace workspace;
    private ModelsViewModel models;
    private final ManualExecutor engine = new ManualExecutor();
    private JobQueue queue;
    private DistillViewModel viewModel;
    private Path codes;

    @BeforeEach
    void setUp() throws Exception {
        workspace = new Workspace(root.resolve("ws"), root.resolve("bundled"));
        TinyModels.write(Files.createDirectories(workspace.bundledModels()));
        TinyDistillation.teacher(workspace.models());
        codes = TinyDistillation.codes(root.resolve("data/codes.npz"), 4, 64, 1);
        models = new ModelsViewModel(workspace, Runnable::run, Runnable::run);
        queue = new JobQueue(engine, new UiBridge(Runnable::run));
        queue.addListener(new JobQueue.Listener() {
            @Override
            public void jobEnded(QueuedJob job) {
                models.scan(); // as the studio's AppContext does
            }
        });
        viewModel = new DistillViewModel(models, queue, workspace, Runnable::run, Runnable::run);
        models.scan().get();
    }

    private void tinySchedule() {
        viewModel.dataProperty().set(codes.toString());
        viewModel.phase1EpochsProperty().set("1");
        viewModel.phase2EpochsProperty().set("1");
        viewModel.stepsPerEpochProperty().set("3");
        viewModel.batchProperty().set("2");
        viewModel.validateEveryProperty().set("2");
    }

    /** Starts a run; fails with every message shown if the form is refused. */
    private QueuedJob start() {
        return viewModel.start().orElseThrow(() -> new AssertionError("refused: " + viewModel.generalErrorProperty().get()
                + " " + java.util.Arrays.stream(DistillField.values()).map(f -> f + "=" + viewModel.errorProperty(f).get())
                        .toList()));
    }

    @Test
    void offersEveryPriorAsTeacherAndOnlyTheStudentSizesTheEngineAccepts() {
        assertEquals(List.of("teacher6.fjb", "top.fjb", "middle.fjb", "bottom.fjb"),
                viewModel.teacherOptions().stream().map(ModelEntry::name).toList());
        assertEquals("teacher6.fjb", viewModel.teacherProperty().get().name(), "the first teacher that has a student");
        assertEquals(List.of(3, 6), viewModel.layerOptions(), "whole cycles of row, column, previous-row");
        assertEquals(3, viewModel.layersProperty().get());

        viewModel.teacherProperty().set(viewModel.teacherOptions().get(1)); // top.fjb: 2 layers, less than one cycle
        assertEquals(List.of(), viewModel.layerOptions());
        assertEquals(null, viewModel.layersProperty().get());
        viewModel.dataProperty().set(codes.toString());
        assertTrue(viewModel.start().isEmpty());
        assertEquals("No student fits this teacher: its 2 layers hold no whole attention-pattern cycle of 3 layers",
                viewModel.errorProperty(DistillField.LAYERS).get());

        viewModel.teacherProperty().set(viewModel.teacherOptions().get(0));
        viewModel.layersProperty().set(6);
        models.scan(); // a rescan replaces the entries; the choice stays
        assertEquals("teacher6.fjb", viewModel.teacherProperty().get().name());
        assertEquals(6, viewModel.layersProperty().get());
    }

    @Test
    void badInputIsReportedNextToEachFieldAndNothingStartsOrIsWritten() throws Exception {
        viewModel.teacherProperty().set(null);
        viewModel.dataProperty().set(root.resolve("missing.npz").toString());
        viewModel.phase1EpochsProperty().set("0");
        viewModel.phase2EpochsProperty().set("0");
        viewModel.batchProperty().set("eight");

        assertTrue(viewModel.start().isEmpty());

        assertEquals("Choose the teacher prior from the model library", viewModel.errorProperty(DistillField.TEACHER).get());
        assertEquals("No such codes file or audio folder: " + root.resolve("missing.npz"),
                viewModel.errorProperty(DistillField.DATA).get());
        assertEquals("Give at least one epoch: with 0 and 0 there is nothing to train",
                viewModel.errorProperty(DistillField.EPOCHS).get());
        assertEquals("Enter a whole number for the batch size ('eight' is not one)",
                viewModel.errorProperty(DistillField.BATCH).get());

        viewModel.teacherProperty().set(viewModel.teacherOptions().get(0));
        viewModel.layersProperty().set(4);
        viewModel.widthProperty().set("17");
        viewModel.dataProperty().set(Files.createDirectories(root.resolve("audio")).toString());
        viewModel.vqvaeProperty().set(null);
        viewModel.phase1EpochsProperty().set("1");
        viewModel.batchProperty().set("2");
        assertTrue(viewModel.start().isEmpty());
        assertEquals("4 student layers break the attention-pattern cycle of 3 (row, column, previous-row): the student "
                + "needs whole cycles, e.g. 3 or 6", viewModel.errorProperty(DistillField.LAYERS).get(), "the engine's words");
        assertEquals("Encoding an audio folder needs a VQ-VAE: choose one", viewModel.errorProperty(DistillField.VQVAE).get());
        assertEquals("", viewModel.errorProperty(DistillField.EPOCHS).get(), "a corrected field clears its error");

        viewModel.layersProperty().set(3);
        assertTrue(viewModel.start().isEmpty());
        assertEquals("Student width 17 must be between 1 and the teacher's 16", viewModel.errorProperty(DistillField.WIDTH).get());

        assertEquals(0, queue.jobs().size(), "nothing was queued");
        try (Stream<Path> files = Files.list(workspace.models())) {
            assertEquals(List.of("teacher6.fjb"), files.map(p -> p.getFileName().toString()).toList(), "nothing was written");
        }
    }

    @Test
    void aRunWritesANewStudentPlotsEveryStepJoinsTheLibraryAndIsEvaluated() throws Exception {
        tinySchedule();
        QueuedJob job = start();
        assertEquals(QueuedJob.State.WAITING, job.state());
        Path student = job.jobDir();
        assertEquals(workspace.models(), student.getParent(), "students go to the workspace's models");
        assertTrue(student.getFileName().toString().matches("teacher6-3L-full-\\d{8}-\\d{6}\\.fjb"), student.toString());

        engine.runNext();

        assertEquals(QueuedJob.State.FINISHED, job.state(), () -> job.messageProperty().get() + job.errorDetailsProperty().get());
        LossCurves curves = viewModel.progress().curves();
        assertEquals(List.of("hidden_mse", "attention_mse", "loss", "soft_ce"), curves.curves().stream()
                .map(LossCurves.Curve::term).toList(), "every loss term of both phases, and the total");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), curves.curves().get(2).points().stream().map(LossCurves.Point::step)
                .toList(), "no step is lost on the way to the chart");
        assertTrue(viewModel.progress().phaseProperty().get().startsWith("phase 2/2: prediction-layer distillation"),
                viewModel.progress().phaseProperty().get());
        assertTrue(viewModel.progress().positionProperty().get().startsWith("phase 2 · epoch 1 · step 6/6 · "),
                viewModel.progress().positionProperty().get());
        assertTrue(viewModel.progress().heldOutProperty().get().matches("Held-out at step 6: NLL \\d+\\.\\d+ bits/token · "
                + "KL to teacher \\d+\\.\\d+ bits · top-1 agreement \\d\\.\\d+"), viewModel.progress().heldOutProperty().get());
        assertTrue(viewModel.progress().logProperty().get().contains("layer mapping, 6 teacher layers -> 3 student layers"),
                viewModel.progress().logProperty().get());
        assertEquals(1.0, viewModel.progress().fractionProperty().get());

        assertTrue(models.entries().stream().anyMatch(e -> e.file().equals(student)), "the student is in the library");
        ModelEntry entry = models.entries().stream().filter(e -> e.file().equals(student)).findFirst().orElseThrow();
        assertEquals("distilled from teacher6.fjb", entry.provenanceText());
        assertEquals(3, entry.layers());
        assertTrue(Files.isRegularFile(DistillRunRecord.recordPath(student)));
        DistillRunItem item = DistillRunItem.scan(workspace.models(), List.of()).get(0);
        assertEquals("finished", item.status());
        assertFalse(item.resumable());
        assertEquals("teacher6.fjb → 3 layers, full, 1+1 epochs, seed 0", item.settingsText());
        assertTrue(viewModel.statusProperty().get().startsWith("Finished: the student " + student.getFileName()));

        StudentEvalViewModel eval = viewModel.evaluation();
        assertEquals(student, eval.studentProperty().get());
        assertTrue(eval.evaluate().isEmpty());
        assertEquals("Choose held-out codes (.npz) the student was not trained on", eval.errorProperty().get());
        eval.heldOutCodesProperty().set(TinyDistillation.codes(root.resolve("data/held.npz"), 2, 32, 9).toString());
        QueuedJob evaluation = eval.evaluate().orElseThrow();
        engine.runNext();
        assertEquals(QueuedJob.State.FINISHED, evaluation.state(), () -> evaluation.messageProperty().get());
        assertEquals(workspace.reports(), eval.reportProperty().get().getParent());
        assertTrue(eval.reportTextProperty().get().contains("| `" + student.getFileName() + "` | student | full | 3 | 16 |"),
                eval.reportTextProperty().get());
        assertTrue(eval.reportTextProperty().get().contains("| `teacher6.fjb` | teacher |"));

        QueuedJob second = viewModel.start().orElseThrow();
        assertNotEquals(student, second.jobDir(), "a new run never writes over a student");
        second.cancel();
    }

    @Test
    void aCancelledRunResumesFromItsCheckpointAndTheCurvesContinue() throws Exception {
        tinySchedule();
        QueuedJob job = start();
        Path student = job.jobDir();
        viewModel.progress().fractionProperty().addListener((o, was, now) -> {
            if (now.doubleValue() > 0 && viewModel.currentJobProperty().get() == job) {
                viewModel.cancel(); // as the Cancel button does, as soon as the first step is shown
            }
        });
        engine.runNext();

        assertEquals(QueuedJob.State.CANCELLED, job.state(), () -> job.messageProperty().get() + job.errorDetailsProperty().get());
        DistillRunItem stopped = DistillRunItem.scan(workspace.models(), List.of()).get(0);
        assertEquals("stopped at step 1/6", stopped.status());
        assertTrue(stopped.resumable());
        assertEquals(1L, ModelBundle.readManifest(DistillRunItem.scan(workspace.models(), List.of()).get(0).record()
                .checkpoint(), PriorBundles.KIND).provenance().steps());
        assertTrue(viewModel.statusProperty().get().startsWith("Stopped: Resume continues from "));

        QueuedJob resumed = viewModel.resume().orElseThrow();
        assertEquals(student, resumed.jobDir());
        engine.runNext();

        assertEquals(QueuedJob.State.FINISHED, resumed.state(), () -> resumed.messageProperty().get()
                + resumed.errorDetailsProperty().get());
        assertTrue(viewModel.progress().logProperty().get().contains("at step 1 of 6 (settings from the checkpoint)"),
                viewModel.progress().logProperty().get());
        LossCurves.Curve loss = viewModel.progress().curves().curves().stream().filter(c -> c.term().equals("loss"))
                .findFirst().orElseThrow();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), loss.points().stream().map(LossCurves.Point::step).toList());
        assertEquals("finished", DistillRunItem.scan(workspace.models(), List.of()).get(0).status());
        assertTrue(viewModel.resume().isEmpty(), "a finished run has nothing to resume");
    }

    @Test
    void anAudioFolderIsEncodedWithTheChosenVqVaeNextToTheStudent() throws Exception {
        Path audio = Files.createDirectories(root.resolve("audio"));
        float[] tone = new float[16000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 8000.0));
        }
        WavWriter.write(audio.resolve("a.wav"), new AudioClip(tone, 8000), WavWriter.Encoding.PCM_16);
        tinySchedule();
        viewModel.dataProperty().set(audio.toString());
        viewModel.modeProperty().set(StudentMode.MLE);
        assertEquals("vq.fjb", viewModel.vqvaeProperty().get().name(), "the library's VQ-VAE is offered");

        QueuedJob job = start();
        engine.runNext();

        assertEquals(QueuedJob.State.FINISHED, job.state(), () -> job.messageProperty().get() + job.errorDetailsProperty().get());
        assertTrue(viewModel.progress().logProperty().get().contains("encoding a.wav (1/1)"),
                viewModel.progress().logProperty().get());
        assertTrue(Files.isRegularFile(Path.of(job.jobDir() + ".codes.npz")), "the encoded codes are kept for a resume");
        assertEquals(List.of("hard_ce", "loss"), viewModel.progress().curves().curves().stream().map(LossCurves.Curve::term)
                .toList(), "the baseline trains on the data alone");
        DistillRunRecord record = DistillRunItem.scan(workspace.models(), List.of()).get(0).record();
        assertEquals(workspace.bundledModels().resolve("vq.fjb"), record.vqvae());
        assertTrue(record.student().getFileName().toString().startsWith("teacher6-3L-mle-"));
    }
}
