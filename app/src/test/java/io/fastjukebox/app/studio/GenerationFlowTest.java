package io.fastjukebox.app.studio;

import static io.fastjukebox.app.studio.StudioHarness.fx;
import static io.fastjukebox.app.studio.StudioHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.app.candidates.CandidateItem;
import io.fastjukebox.app.jobs.QueuedJob;
import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.generate.GenerationMode;
import io.fastjukebox.engine.generate.JobFolder;
import io.fastjukebox.engine.generate.JobRecord;
import io.fastjukebox.engine.generate.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The generate → watch → pick → upsample flow through the real window, headless, on the engine's
 * tiny random-weight models; plus cancel and inline validation.
 */
@ExtendWith(ApplicationExtension.class)
class GenerationFlowTest {
    @TempDir
    static Path root;

    private StudioHarness studio;

    @Start
    void start(Stage stage) throws Exception {
        studio = new StudioHarness(root.resolve(String.valueOf(System.nanoTime())));
        studio.show(stage);
    }

    @AfterEach
    void close() {
        studio.close();
    }

    @Test
    void generationShowsProgressPerLevelThenCandidatesArePickedAndUpsampled(FxRobot robot) throws Exception {
        studio.started();
        assertEquals("vq.fjb", fx(() -> studio.context.models().vqvaeProperty().get().name()), "the bundled set is chosen");
        assertEquals("Models: top.fjb / middle.fjb / bottom.fjb with vq.fjb (change on Models)",
                fx(() -> robot.lookup("#modelsSummary").queryAs(Label.class).getText()));
        fx(() -> {
            robot.lookup("#seconds").queryAs(TextField.class).setText("3");
            robot.lookup("#candidates").queryAs(TextField.class).setText("2");
            robot.lookup("#seed").queryAs(TextField.class).setText("7");
        });
        ProgressBar top = robot.lookup("#progress-top").tryQueryAs(ProgressBar.class).orElse(null);
        assertEquals(null, top, "no bars before the first job");

        robot.clickOn("#startButton");

        QueuedJob job = fx(() -> studio.context.generate().currentJobProperty().get());
        List<Double> topSeen = new CopyOnWriteArrayList<>();
        List<String> detailSeen = new CopyOnWriteArrayList<>();
        fx(() -> {
            ProgressBar bar = robot.lookup("#progress-top").queryAs(ProgressBar.class);
            bar.progressProperty().addListener((o, was, now) -> topSeen.add(now.doubleValue()));
            robot.lookup("#detail-top").queryAs(Label.class).textProperty().addListener((o, was, now) -> detailSeen.add(now));
        });
        fx(() -> studio.window.show(Screen.MODELS)); // the job runs on, and reports, whatever is shown
        fx(() -> studio.window.show(Screen.HISTORY));
        waitUntil("the generation to finish", () -> job.state().isDone());
        fx(() -> studio.window.show(Screen.GENERATE));

        assertEquals(QueuedJob.State.FINISHED, job.state(), () -> job.messageProperty().get());
        assertTrue(topSeen.stream().anyMatch(f -> f > 0 && f < 1), "the top bar advanced through " + topSeen);
        assertEquals(1.0, topSeen.get(topSeen.size() - 1));
        assertTrue(detailSeen.stream().anyMatch(d -> d.matches("window \\d+/\\d+ · \\d+ tokens/s · ETA .*")), detailSeen.toString());
        assertEquals("not requested: pick candidates to upsample", fx(() -> robot.lookup("#detail-middle").queryAs(Label.class)
                .getText()));
        assertEquals(JobStatus.FINISHED, new JobFolder(job.jobDir()).readRecord().status());
        assertEquals(7, new JobFolder(job.jobDir()).readRecord().settings().seed(), "the seed is recorded");

        fx(() -> studio.window.show(Screen.CANDIDATES));
        ListView<?> list = robot.lookup("#candidateList").queryAs(ListView.class);
        waitUntil("two candidates", () -> list.getItems().size() == 2);
        robot.clickOn("#pick-1");
        robot.clickOn("#upsamplePicked");
        QueuedJob upsample = fx(() -> studio.context.queue().jobs().get(1));
        waitUntil("the upsampling to finish", () -> upsample.state().isDone());

        assertEquals(QueuedJob.State.FINISHED, upsample.state(), () -> upsample.messageProperty().get());
        JobFolder folder = new JobFolder(job.jobDir());
        assertTrue(Files.isRegularFile(folder.wavFile(1, 0)), "candidate 1 reached full quality");
        assertFalse(Files.exists(folder.wavFile(2, 0)), "candidate 2 was not picked");
        assertEquals(List.of(1), folder.readRecord().upsample());
        waitUntil("candidate 1 to show full quality",
                () -> ((CandidateItem) list.getItems().get(0)).status().startsWith("full quality"));
        assertEquals(1.0, fx(() -> upsample.level(0).fractionProperty().get()));

        fx(() -> studio.window.show(Screen.HISTORY));
        waitUntil("the job in History", () -> studio.context.history().items().size() == 1);
        fx(() -> robot.lookup("#historyTable").queryAs(javafx.scene.control.TableView.class).getSelectionModel().select(0));
        robot.clickOn("#historyCompare");
        waitUntil("both candidates on Compare", () -> studio.context.compare().clips().size() == 2
                && studio.context.compare().clips().stream().allMatch(c -> c.loadedProperty().get() != null));
        assertEquals("Compare", fx(() -> robot.lookup("#screens").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().getSelectedItem().getText()));
        DocScreenshots.writeIfAsked(studio);
    }

    @Test
    void aPromptIsTrimmedByDraggingOnItsWaveformAndPrimesTheJob(FxRobot robot) throws Exception {
        studio.started();
        float[] tone = new float[16000]; // 2 s at 8 kHz
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 330 * i / 8000.0));
        }
        Path prompt = root.resolve("prompt.wav");
        WavWriter.write(prompt, new AudioClip(tone, 8000), WavWriter.Encoding.PCM_16);
        fx(() -> {
            robot.lookup("#primeFile").queryAs(TextField.class).setText(prompt.toString());
            studio.context.generate().loadPrime();
        });
        waitUntil("the prompt's waveform", () -> studio.context.generate().primeAudio().loadedProperty().get() != null);
        Canvas waveform = robot.lookup("#primeWaveform").queryAs(Canvas.class);
        double width = fx(waveform::getWidth);

        robot.moveTo(waveform, Pos.CENTER_LEFT, new Point2D(width * 0.6, 0), org.testfx.robot.Motion.DIRECT).press(MouseButton.PRIMARY)
                .moveBy(-width * 0.35, 0).release(MouseButton.PRIMARY);

        double kept = Double.parseDouble(fx(() -> robot.lookup("#primeSeconds").queryAs(TextField.class).getText()));
        assertEquals(0.5, kept, 0.05, "a quarter of the 2 s prompt is kept");
        fx(() -> {
            robot.lookup("#seconds").queryAs(TextField.class).setText("1.5");
            robot.lookup("#candidates").queryAs(TextField.class).setText("1");
        });
        robot.clickOn("#startButton");
        QueuedJob job = fx(() -> studio.context.generate().currentJobProperty().get());
        waitUntil("the primed generation", () -> job.state().isDone());

        assertEquals(QueuedJob.State.FINISHED, job.state(), () -> job.messageProperty().get());
        JobRecord record = new JobFolder(job.jobDir()).readRecord();
        assertEquals(GenerationMode.PRIMED, record.mode());
        assertEquals(kept, record.prime().seconds(), 128 / 8000.0, "kept to whole top-level codes");
        assertEquals(prompt.toAbsolutePath().toString(), record.prime().file());
    }

    @Test
    void cancelStopsPromptlyAndKeepsTheJobResumable(FxRobot robot) throws Exception {
        studio.started();
        fx(() -> {
            robot.lookup("#seconds").queryAs(TextField.class).setText("600");
            robot.lookup("#candidates").queryAs(TextField.class).setText("1");
        });
        robot.clickOn("#startButton");
        QueuedJob job = fx(() -> studio.context.generate().currentJobProperty().get());
        waitUntil("the top level to start", () -> job.level(2).fractionProperty().get() > 0);

        robot.clickOn("#cancelButton");
        waitUntil("the job to stop", () -> job.state().isDone());

        assertEquals(QueuedJob.State.CANCELLED, job.state());
        assertTrue(job.level(2).fractionProperty().get() < 1);
        assertEquals(JobStatus.CANCELLED, new JobFolder(job.jobDir()).readRecord().status());
        waitUntil("the cancelled job in History", () -> studio.context.history().items().size() == 1);
        assertTrue(fx(() -> studio.context.history().items().get(0).resumable()));
        assertEquals("cancelled", fx(() -> studio.context.history().items().get(0).status()));
    }

    @Test
    void badInputIsShownNextToItsFieldAndNothingStarts(FxRobot robot) throws Exception {
        studio.started();
        Path missing = root.resolve("no-such-prompt.wav");
        robot.doubleClickOn("#seconds").eraseText(4).write("abc");
        fx(() -> robot.lookup("#primeFile").queryAs(TextField.class).setText(missing.toString()));

        robot.clickOn("#startButton");

        Label duration = robot.lookup("#errorDURATION").queryAs(Label.class);
        Label prime = robot.lookup("#errorPRIME").queryAs(Label.class);
        assertEquals("Enter a number for the duration ('abc' is not one)", fx(duration::getText));
        assertTrue(fx(duration::isVisible));
        assertEquals("No such audio file: " + missing, fx(prime::getText));
        assertTrue(fx(() -> studio.context.queue().jobs().isEmpty()), "nothing was queued");
        try (Stream<Path> jobs = Files.list(studio.workspace.jobs())) {
            assertEquals(0, jobs.count(), "no job folder was created");
        }

        fx(() -> robot.lookup("#seconds").queryAs(TextField.class).setText("2"));
        fx(() -> robot.lookup("#primeFile").queryAs(TextField.class).setText(""));
        fx(() -> studio.context.generate().cancel()); // nothing to cancel: harmless
        assertEquals("", fx(() -> {
            studio.context.generate().start().ifPresent(QueuedJob::cancel);
            return duration.getText();
        }), "a corrected field clears its error");
    }
}
