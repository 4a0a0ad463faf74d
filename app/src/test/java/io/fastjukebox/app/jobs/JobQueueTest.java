package io.fastjukebox.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.generate.GenerationListener;
import io.fastjukebox.engine.generate.JobRecord;
import io.fastjukebox.engine.generate.JobStatus;
import io.fastjukebox.engine.jobs.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queue with queued (step-by-step) engine and UI threads. */
class JobQueueTest {
    private final ManualExecutor engine = new ManualExecutor();
    private final JobQueue queue = new JobQueue(engine, new UiBridge(Runnable::run));
    private final List<String> events = new ArrayList<>();

    JobQueueTest() {
        queue.addListener(new JobQueue.Listener() {
            @Override
            public void levelFinished(QueuedJob job, int level, int candidate, Path wav) {
                events.add("level " + level + " candidate " + candidate + " " + wav.getFileName());
            }

            @Override
            public void jobEnded(QueuedJob job) {
                events.add("ended " + job.state());
            }
        });
    }

    @Test
    void progressReachesTheLevelBarsAndTheEndIsReported() {
        QueuedJob job = queue.submit("gen", Path.of("jobs/a"), (cancel, listener) -> {
            listener.onProgress(new GenerationListener.Progress(2, List.of(1, 2), 3, 10, 30, 100, 250, 42));
            listener.onLevelFinished(2, 1, Path.of("top.wav"));
            listener.onProgress(new GenerationListener.Progress(1, List.of(1), 1, 4, 10, 400, 900, 9));
            return record(JobStatus.FINISHED, List.of(1));
        });
        assertEquals(QueuedJob.State.WAITING, job.state());

        engine.runNext();

        assertEquals(QueuedJob.State.FINISHED, job.state());
        assertEquals(List.of("level 2 candidate 1 top.wav", "ended FINISHED"), events);
        assertEquals(1.0, job.level(2).fractionProperty().get());
        assertEquals("done", job.level(0).detailProperty().get());
        assertEquals(1.0, job.level(1).fractionProperty().get(), "a finished job with upsampling fills every bar");
    }

    @Test
    void theFirstEventOfALevelIsShownWithWindowSpeedAndEta() {
        List<String> seen = new ArrayList<>();
        QueuedJob job = queue.submit("gen", Path.of("jobs/b"), (cancel, listener) -> {
            listener.onProgress(new GenerationListener.Progress(2, List.of(1, 2), 3, 10, 30, 100, 250, 42));
            return record(JobStatus.CANCELLED, List.of());
        });
        job.level(2).detailProperty().addListener((o, was, now) -> seen.add(now));
        engine.runNext();

        assertEquals(List.of("window 3/10 · 250 tokens/s · ETA 0:42"), seen);
        assertEquals(0.3, job.level(2).fractionProperty().get(), 1e-9);
        assertEquals(QueuedJob.State.CANCELLED, job.state());
    }

    @Test
    void aFailureBecomesItsMessageWithTheStackTraceAsDetails() {
        QueuedJob job = queue.submit("gen", Path.of("jobs/c"), (cancel, listener) -> {
            throw new IOException("models/top.fjb: no such model file (the top prior)\nmore");
        });
        engine.runNext();

        assertEquals(QueuedJob.State.FAILED, job.state());
        assertEquals("models/top.fjb: no such model file (the top prior)", job.messageProperty().get());
        assertTrue(job.errorDetailsProperty().get().contains("java.io.IOException"), job.errorDetailsProperty().get());
        assertEquals(List.of("ended FAILED"), events);
    }

    @Test
    void aJobCancelledWhileWaitingNeverRunsAndTheNextOneDoes() {
        List<String> ran = new ArrayList<>();
        QueuedJob first = queue.submit("first", Path.of("jobs/d"), (cancel, listener) -> {
            ran.add("first");
            return record(JobStatus.FINISHED, List.of());
        });
        QueuedJob second = queue.submit("second", Path.of("jobs/e"), (cancel, listener) -> {
            ran.add("second");
            return record(JobStatus.FINISHED, List.of());
        });
        assertTrue(queue.isActive(Path.of("jobs/d")));
        first.cancel();
        assertEquals(QueuedJob.State.CANCELLED, first.state());
        assertFalse(queue.isActive(Path.of("jobs/d")));

        engine.runNext();
        engine.runNext();

        assertEquals(List.of("second"), ran);
        assertEquals(QueuedJob.State.FINISHED, second.state());
        assertEquals("not requested: pick candidates to upsample", second.level(1).detailProperty().get());
    }

    @Test
    void aTaskHandsOverEveryStepInOrderWithEachEventAfterTheStepsBeforeIt() {
        List<String> seen = new ArrayList<>();
        QueuedJob job = queue.submitTask("distil", Path.of("models/s.fjb"), (cancel, listener) -> {
            for (long step = 1; step <= 5; step++) {
                listener.onStep(new TrainingListener.Step(step, 5, Map.of("loss", 1.0 / step), 0.25, 0.25 * (5 - step)));
                if (step == 3) {
                    listener.onValidation(3, Map.of("top1_agreement", 0.5));
                    listener.onMessage("phase 2/2: prediction\nmore");
                }
            }
            return true;
        }, new TrainingListener() {
            @Override
            public void onStep(Step s) {
                seen.add("step " + s.step());
            }

            @Override
            public void onValidation(long step, Map<String, Double> metrics) {
                seen.add("validation " + step);
            }

            @Override
            public void onMessage(String message) {
                seen.add(message.lines().findFirst().orElseThrow());
            }
        });
        assertTrue(job.isTask());
        assertEquals(List.of(), job.levels(), "a task has no level bars");
        List<String> details = new ArrayList<>();
        job.steps().detailProperty().addListener((o, was, now) -> details.add(now));

        engine.runNext();

        assertEquals(List.of("step 1", "step 2", "step 3", "validation 3", "phase 2/2: prediction", "step 4", "step 5"), seen);
        assertEquals("step 5/5 · 0.25 s/step · done", details.get(details.size() - 1));
        assertEquals(1.0, job.steps().fractionProperty().get());
        assertEquals(QueuedJob.State.FINISHED, job.state());
        assertEquals(List.of("ended FINISHED"), events, "the studio hears that a task ended, as for generations");
    }

    @Test
    void aTaskThatStopsEarlyIsCancelledAndOneThatThrowsFailedWithItsMessage() {
        QueuedJob stopped = queue.submitTask("distil", Path.of("models/a.fjb"), (cancel, listener) -> {
            listener.onStep(new TrainingListener.Step(1, 10, Map.of("loss", 2.0), 0.1, 0.9));
            return false;
        }, new TrainingListener() { });
        QueuedJob failed = queue.submitTask("eval", Path.of("reports/r.md"), (cancel, listener) -> {
            throw new IllegalArgumentException("held.npz: not a codes file");
        }, new TrainingListener() { });
        engine.runNext();
        engine.runNext();

        assertEquals(QueuedJob.State.CANCELLED, stopped.state());
        assertEquals(0.1, stopped.steps().fractionProperty().get(), 1e-9, "the bar stays where the task stopped");
        assertEquals("step 1/10 · 0.10 s/step · ETA 0:01", stopped.steps().detailProperty().get());
        assertEquals(QueuedJob.State.FAILED, failed.state());
        assertEquals("held.npz: not a codes file", failed.messageProperty().get());
        assertEquals(List.of("ended CANCELLED", "ended FAILED"), events);
    }

    private static JobRecord record(JobStatus status, List<Integer> upsample) {
        return new JobRecord(JobRecord.SCHEMA_VERSION, "t", "t", status, io.fastjukebox.engine.generate.GenerationMode.SCRATCH,
                List.of(), io.fastjukebox.engine.generate.GenerationSettings.defaults(1), 8000, List.of(8, 32, 128), 1280, 2,
                upsample, null, null, null, "test", "cpu()", null);
    }
}
