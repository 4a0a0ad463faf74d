package io.fastjukebox.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.generate.GenerationListener;
import io.fastjukebox.engine.generate.JobRecord;
import io.fastjukebox.engine.generate.JobStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The queue with queued (step-by-step) engine and UI threads. */
class JobQueueTest {
    private final Deque<Runnable> engine = new ArrayDeque<>();
    private final JobQueue queue = new JobQueue(new StepExecutor(engine), new UiBridge(Runnable::run));
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

        engine.remove().run();

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
        engine.remove().run();

        assertEquals(List.of("window 3/10 · 250 tokens/s · ETA 0:42"), seen);
        assertEquals(0.3, job.level(2).fractionProperty().get(), 1e-9);
        assertEquals(QueuedJob.State.CANCELLED, job.state());
    }

    @Test
    void aFailureBecomesItsMessageWithTheStackTraceAsDetails() {
        QueuedJob job = queue.submit("gen", Path.of("jobs/c"), (cancel, listener) -> {
            throw new IOException("models/top.fjb: no such model file (the top prior)\nmore");
        });
        engine.remove().run();

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

        engine.remove().run();
        engine.remove().run();

        assertEquals(List.of("second"), ran);
        assertEquals(QueuedJob.State.FINISHED, second.state());
        assertEquals("not requested: pick candidates to upsample", second.level(1).detailProperty().get());
    }

    private static JobRecord record(JobStatus status, List<Integer> upsample) {
        return new JobRecord(JobRecord.SCHEMA_VERSION, "t", "t", status, io.fastjukebox.engine.generate.GenerationMode.SCRATCH,
                List.of(), io.fastjukebox.engine.generate.GenerationSettings.defaults(1), 8000, List.of(8, 32, 128), 1280, 2,
                upsample, null, null, null, "test", "cpu()", null);
    }

    /** Runs each task only when the test says so. */
    private static final class StepExecutor extends AbstractExecutorService {
        private final Deque<Runnable> tasks;

        StepExecutor(Deque<Runnable> tasks) {
            this.tasks = tasks;
        }

        @Override
        public void execute(Runnable command) {
            tasks.add(command);
        }

        @Override
        public void shutdown() {}

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
