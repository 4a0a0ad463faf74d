package io.fastjukebox.app.studio;

import static io.fastjukebox.app.studio.StudioHarness.fx;
import static io.fastjukebox.app.studio.StudioHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.app.distill.DistillRunItem;
import io.fastjukebox.app.distill.LossCurves;
import io.fastjukebox.app.distill.TinyDistillation;
import io.fastjukebox.app.jobs.QueuedJob;
import io.fastjukebox.app.models.ModelEntry;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.prior.PriorBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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
 * The Distill screen through the real window, headless: a 6-layer random-weight teacher from the
 * workspace, distilled into 3 layers on random codes; losses plotted live, cancel and resume,
 * the student in the library, its evaluation report, the run in History, and inline errors.
 */
@ExtendWith(ApplicationExtension.class)
class DistillFlowTest {
    @TempDir
    static Path root;

    private StudioHarness studio;
    private Path codes;

    @Start
    void start(Stage stage) throws Exception {
        studio = new StudioHarness(root.resolve(String.valueOf(System.nanoTime())));
        studio.show(stage);
    }

    @AfterEach
    void close() {
        studio.close();
    }

    /** The teacher in the workspace's models, codes to train on, the studio started on the Distill screen. */
    private void distillScreen(FxRobot robot, String epochs1, String epochs2, String stepsPerEpoch) throws Exception {
        TinyDistillation.teacher(studio.workspace.models());
        codes = TinyDistillation.codes(studio.workspace.root().resolve("data/codes.npz"), 4, 64, 1);
        studio.started();
        fx(() -> {
            studio.window.show(Screen.DISTILL);
            text(robot, "#distillData").setText(codes.toString());
            text(robot, "#epochs1").setText(epochs1);
            text(robot, "#epochs2").setText(epochs2);
            text(robot, "#stepsPerEpoch").setText(stepsPerEpoch);
            text(robot, "#batchSize").setText("2");
            text(robot, "#validateEvery").setText("10");
        });
    }

    private static TextField text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }

    private static String label(FxRobot robot, String id) throws Exception {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    @Test
    void aRunPlotsEveryLossTermFinishesJoinsTheLibraryAndIsEvaluated(FxRobot robot) throws Exception {
        distillScreen(robot, "2", "3", "20");
        assertEquals("teacher6.fjb", fx(() -> ((ModelEntry) robot.lookup("#teacherChoice").queryAs(ComboBox.class).getValue())
                .name()), "the first prior that can teach is chosen");
        assertEquals(List.of(3, 6), fx(() -> List.copyOf(robot.lookup("#layersChoice").queryAs(ComboBox.class).getItems())),
                "only whole attention-pattern cycles are offered");

        robot.clickOn("#startDistill");

        QueuedJob job = fx(() -> studio.context.distill().currentJobProperty().get());
        fx(() -> studio.window.show(Screen.MODELS)); // the run goes on, and reports, whatever is shown
        waitUntil("the run to finish", () -> job.state().isDone());
        fx(() -> studio.window.show(Screen.DISTILL));
        assertEquals(QueuedJob.State.FINISHED, job.state(), () -> job.messageProperty().get() + job.errorDetailsProperty().get());
        // the job is done on its worker thread a moment before the bridge delivers the last step to the screen
        waitUntil("the last step on the screen",
                () -> robot.lookup("#distillPosition").queryAs(Label.class).getText().contains("step 100/100"));

        LineChart<?, ?> chart = robot.lookup("#lossChart").queryAs(LineChart.class);
        List<String> terms = fx(() -> chart.getData().stream().map(XYChart.Series::getName).toList());
        assertEquals(List.of("hidden_mse", "attention_mse", "loss", "soft_ce"), terms);
        assertEquals(100, fx(() -> chart.getData().get(2).getData().size()), "every step of the total loss is plotted");
        assertEquals(60, fx(() -> chart.getData().get(3).getData().size()), "the soft cross-entropy of phase 2's 60 steps");
        assertTrue(label(robot, "#distillPosition").startsWith("phase 2 · epoch 3 · step 100/100 · "),
                label(robot, "#distillPosition"));
        assertTrue(label(robot, "#distillPhase").startsWith("phase 2/2: prediction-layer distillation"));
        assertTrue(label(robot, "#heldOut").startsWith("Held-out at step 100: NLL "), label(robot, "#heldOut"));
        Path student = job.jobDir();
        assertTrue(label(robot, "#distillStatus").equals("Finished: the student " + student.getFileName()
                + " is in the model library"), label(robot, "#distillStatus"));
        waitUntil("the student in the library", () -> studio.context.models().entries().stream()
                .anyMatch(e -> e.file().equals(student) && e.provenanceText().equals("distilled from teacher6.fjb")));
        assertTrue(fx(() -> studio.context.distill().teacherOptions().stream().anyMatch(e -> e.file().equals(student))),
                "a student can teach in turn");

        Path heldOut = TinyDistillation.codes(studio.workspace.root().resolve("data/held-out.npz"), 2, 32, 7);
        fx(() -> text(robot, "#heldOutCodes").setText(heldOut.toString()));
        robot.clickOn("#evaluateStudent");
        QueuedJob evaluation = fx(() -> studio.context.distill().evaluation().currentJobProperty().get());
        waitUntil("the evaluation to finish", () -> evaluation.state().isDone());
        assertEquals(QueuedJob.State.FINISHED, evaluation.state(), () -> evaluation.messageProperty().get());
        waitUntil("the report on screen", () -> !robot.lookup("#evalReport").queryAs(TextArea.class).getText().isEmpty());
        String report = fx(() -> robot.lookup("#evalReport").queryAs(TextArea.class).getText());
        assertTrue(report.startsWith("# Distillation evaluation"), report);
        assertTrue(report.contains("| `" + student.getFileName() + "` | student | full | 3 | 16 |"), report);
        assertTrue(Files.isRegularFile(studio.context.distill().evaluation().reportProperty().get()));

        fx(() -> studio.window.show(Screen.HISTORY));
        waitUntil("the run in History", () -> studio.context.history().runs().size() == 1);
        DistillRunItem run = fx(() -> studio.context.history().runs().get(0));
        assertEquals("finished", run.status());
        assertEquals(student.getFileName().toString(), run.name());
        fx(() -> robot.lookup("#distillRunsTable").queryAs(TableView.class).getSelectionModel().select(0));
        assertTrue(fx(() -> robot.lookup("#historyDetails").queryAs(TextArea.class).getText()).contains("status: finished"));
        assertTrue(fx(() -> robot.lookup("#historyResumeRun").queryAs(Button.class).isDisabled()), "nothing to resume");
        DocScreenshots.writeIfAsked(studio, Screen.DISTILL);
    }

    @Test
    void aCancelledRunResumesFromItsCheckpoint(FxRobot robot) throws Exception {
        distillScreen(robot, "10", "10", "50");
        robot.clickOn("#startDistill");
        QueuedJob first = fx(() -> studio.context.distill().currentJobProperty().get());
        waitUntil("the first steps", () -> studio.context.distill().progress().fractionProperty().get() > 0);

        robot.clickOn("#cancelDistill");
        waitUntil("the run to stop", () -> first.state().isDone());

        assertEquals(QueuedJob.State.CANCELLED, first.state(), () -> first.messageProperty().get());
        Path student = first.jobDir();
        long stoppedAt = steps(student);
        assertTrue(stoppedAt > 0 && stoppedAt < 1000, "the checkpoint keeps the finished steps: " + stoppedAt);
        assertTrue(label(robot, "#distillStatus").startsWith("Stopped: Resume continues from " + student.getFileName()
                + ".train"), label(robot, "#distillStatus"));
        assertTrue(fx(() -> robot.lookup("#distillLog").queryAs(TextArea.class).getText())
                .contains("checkpoint at step " + stoppedAt));
        assertFalse(fx(() -> robot.lookup("#resumeDistill").queryAs(Button.class).isDisabled()));

        robot.clickOn("#resumeDistill");
        QueuedJob resumed = fx(() -> studio.context.distill().currentJobProperty().get());
        assertEquals(student, resumed.jobDir(), "resume continues the same student");
        LossCurves.Curve loss = fx(() -> studio.context.distill().progress().curves().curves().stream()
                .filter(c -> c.term().equals("loss")).findFirst().orElseThrow());
        waitUntil("steps after the checkpoint", () -> loss.points().get(loss.points().size() - 1).step() > stoppedAt + 5);
        assertTrue(fx(() -> robot.lookup("#distillLog").queryAs(TextArea.class).getText())
                .contains("at step " + stoppedAt + " of 1000 (settings from the checkpoint)"));
        assertEquals(List.of(), fx(() -> {
            List<Long> steps = loss.points().stream().map(LossCurves.Point::step).toList();
            return java.util.stream.IntStream.range(1, steps.size()).filter(i -> steps.get(i) != steps.get(i - 1) + 1)
                    .boxed().toList();
        }), "the curve goes on from the checkpoint without a gap or a repeat");
        robot.clickOn("#cancelDistill");
        waitUntil("the resumed run to stop", () -> resumed.state().isDone());
        assertEquals(QueuedJob.State.CANCELLED, resumed.state());
        assertTrue(steps(student) > stoppedAt + 5, "the resumed run went on: " + steps(student));

        fx(() -> studio.window.show(Screen.HISTORY));
        waitUntil("the stopped run in History", () -> studio.context.history().runs().size() == 1);
        assertEquals("stopped at step " + steps(student) + "/1000", fx(() -> studio.context.history().runs().get(0).status()));
        assertTrue(fx(() -> studio.context.history().runs().get(0).resumable()));
    }

    private static long steps(Path student) throws Exception {
        return ModelBundle.readManifest(Path.of(student + ".train"), PriorBundles.KIND).provenance().steps();
    }

    @Test
    void badInputIsShownNextToItsFieldAndNothingStarts(FxRobot robot) throws Exception {
        distillScreen(robot, "0", "0", "0");
        Path missing = root.resolve("no-such-codes.npz");
        fx(() -> {
            studio.context.distill().teacherProperty().set(null);
            text(robot, "#distillData").setText(missing.toString());
        });

        robot.clickOn("#startDistill");

        assertEquals("Choose the teacher prior from the model library", label(robot, "#distillErrorTEACHER"));
        assertTrue(fx(() -> robot.lookup("#distillErrorTEACHER").queryAs(Label.class).isVisible()));
        assertEquals("No such codes file or audio folder: " + missing, label(robot, "#distillErrorDATA"));
        assertEquals("Give at least one epoch: with 0 and 0 there is nothing to train", label(robot, "#distillErrorEPOCHS"));
        assertFalse(fx(() -> robot.lookup("#distillErrorSEED").queryAs(Label.class).isVisible()), "no error, no room taken");

        fx(() -> studio.context.distill().teacherProperty().set(studio.context.distill().teacherOptions().get(0)));
        fx(() -> text(robot, "#studentWidth").setText("0"));
        robot.clickOn("#startDistill");
        assertEquals("", label(robot, "#distillErrorTEACHER"), "a corrected field clears its error");
        assertEquals("The width must be at least 1", label(robot, "#distillErrorWIDTH"));

        assertTrue(fx(() -> studio.context.queue().jobs().isEmpty()), "nothing was queued");
        try (Stream<Path> files = Files.list(studio.workspace.models())) {
            assertEquals(List.of("teacher6.fjb"), files.map(p -> p.getFileName().toString()).toList(), "nothing was written");
        }
    }
}
