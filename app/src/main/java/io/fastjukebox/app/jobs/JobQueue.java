package io.fastjukebox.app.jobs;

import io.fastjukebox.engine.generate.GenerationListener;
import io.fastjukebox.engine.generate.JobRecord;
import io.fastjukebox.engine.generate.JobStatus;
import io.fastjukebox.engine.generate.PerLevel;
import io.fastjukebox.engine.generate.ThrottledListener;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.jobs.TrainingListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engine jobs (generations, upsamplings, distillations, evaluations) run one at a time, in order, on
 * one background thread: two jobs never compete for the CPU or GPU memory. The queue is a list the
 * user can see; progress reaches the UI through the {@link UiBridge}, throttled at the source and
 * coalesced per level (generation) or batched per interval (the steps of a {@link Task}).
 */
public final class JobQueue implements AutoCloseable {
    /** Engine progress is passed on at most this often per job. */
    static final long PROGRESS_INTERVAL_MILLIS = 100;
    private static final long CLOSE_WAIT_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);

    /** The engine work of one job, run on the queue's thread. */
    @FunctionalInterface
    public interface Work {
        JobRecord run(CancellationToken cancel, GenerationListener listener) throws Exception;
    }

    /**
     * Engine work that reports as training does (steps with their metrics, held-out metrics,
     * checkpoints, messages), run on the queue's thread: a distillation, an evaluation.
     */
    @FunctionalInterface
    public interface Task {
        /** Runs; returns true if it reached its end, false if it stopped early because it was cancelled. */
        boolean run(CancellationToken cancel, TrainingListener listener) throws Exception;
    }

    /** What the queue tells the rest of the studio, on the UI thread. */
    public interface Listener {
        /** A level of a candidate was decoded to {@code wav}. */
        default void levelFinished(QueuedJob job, int level, int candidate, Path wav) {}

        /** A job finished, was cancelled or failed. */
        default void jobEnded(QueuedJob job) {}
    }

    private final ExecutorService worker;
    private final UiBridge bridge;
    private final ObservableList<QueuedJob> jobs = FXCollections.observableArrayList();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** @param worker a single-thread executor (the queue relies on it running one task at a time) */
    public JobQueue(ExecutorService worker, UiBridge bridge) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.bridge = Objects.requireNonNull(bridge, "bridge");
    }

    /** Every job submitted in this session, oldest first. Read on the UI thread. */
    public ObservableList<QueuedJob> jobs() {
        return jobs;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Whether a job for {@code jobDir} is waiting or running. */
    public boolean isActive(Path jobDir) {
        return jobs.stream().anyMatch(j -> !j.state().isDone() && j.jobDir().equals(jobDir));
    }

    /** Queues a generation or upsampling {@code work}; call on the UI thread. */
    public QueuedJob submit(String title, Path jobDir, Work work) {
        QueuedJob job = new QueuedJob(title, jobDir, false);
        return enqueue(job, () -> {
            JobRecord record = work.run(job.token(), new ThrottledListener(new Relay(job), PROGRESS_INTERVAL_MILLIS));
            boolean finished = record.status() == JobStatus.FINISHED;
            return () -> {
                if (finished) {
                    job.levels().forEach(l -> {
                        if (l.level() == 2 || !record.upsample().isEmpty()) {
                            l.finish("done");
                        } else {
                            l.note("not requested: pick candidates to upsample");
                        }
                    });
                }
                job.end(finished ? QueuedJob.State.FINISHED : QueuedJob.State.CANCELLED,
                        finished ? "finished: " + job.jobDir().getFileName() : "cancelled; finished windows are kept", "");
            };
        });
    }

    /**
     * Queues a {@link Task} writing {@code output}; call on the UI thread. Its events reach
     * {@code onUiThread} on the UI thread, in order: its steps batched at most every
     * {@value #PROGRESS_INTERVAL_MILLIS} ms (none is dropped, so a loss curve is complete), every
     * other event as it comes.
     */
    public QueuedJob submitTask(String title, Path output, Task task, TrainingListener onUiThread) {
        QueuedJob job = new QueuedJob(title, output, true);
        return enqueue(job, () -> {
            TaskRelay relay = new TaskRelay(job, bridge, onUiThread, PROGRESS_INTERVAL_MILLIS);
            try {
                boolean finished = task.run(job.token(), relay);
                return () -> {
                    if (finished) {
                        job.steps().finish();
                    }
                    job.end(finished ? QueuedJob.State.FINISHED : QueuedJob.State.CANCELLED,
                            finished ? "finished: " + job.jobDir().getFileName() : "cancelled; the work done so far is kept",
                            "");
                };
            } finally {
                relay.flush(); // the last steps reach the UI before the job's end
            }
        });
    }

    /** The engine part of a job; returns what to show when it ends, run on the UI thread. */
    @FunctionalInterface
    private interface Body {
        Runnable run() throws Exception;
    }

    private QueuedJob enqueue(QueuedJob job, Body body) {
        jobs.add(job);
        try {
            worker.execute(() -> runJob(job, body));
        } catch (RejectedExecutionException e) {
            job.end(QueuedJob.State.FAILED, "the studio is shutting down", "");
        }
        return job;
    }

    private void runJob(QueuedJob job, Body body) {
        if (job.isCancelRequested()) {
            return; // cancelled while waiting: its state is already set
        }
        bridge.execute(job::start);
        try {
            Runnable ending = body.run();
            bridge.execute(() -> {
                ending.run();
                listeners.forEach(l -> l.jobEnded(job));
            });
        } catch (Exception | OutOfMemoryError e) {
            LOG.warn("job {} failed", job.jobDir(), e);
            String message = readable(e);
            String details = stackTrace(e);
            bridge.execute(() -> {
                job.end(QueuedJob.State.FAILED, message, details);
                listeners.forEach(l -> l.jobEnded(job));
            });
        }
    }

    /** One line for the user: the engine's messages already name the file and the problem. */
    static String readable(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory: try a smaller job (fewer candidates, a shorter clip, a smaller batch)";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static String stackTrace(Throwable e) {
        StringWriter s = new StringWriter();
        e.printStackTrace(new PrintWriter(s));
        return s.toString();
    }

    /** Engine events of one job, from its thread onto the UI thread. */
    private final class Relay implements GenerationListener {
        private final QueuedJob job;

        Relay(QueuedJob job) {
            this.job = job;
        }

        @Override
        public void onProgress(Progress p) {
            bridge.publish(job.level(p.level()), () -> {
                for (int upper = p.level() + 1; upper <= 2; upper++) {
                    if (job.level(upper).fractionProperty().get() < 1) {
                        job.level(upper).finish("done");
                    }
                }
                job.level(p.level()).update(p);
                job.note("sampling the " + PerLevel.name(p.level()) + " level of candidate"
                        + (p.candidates().size() == 1 ? " " + p.candidates().get(0) : "s " + p.candidates()));
            });
        }

        @Override
        public void onLevelFinished(int level, int candidate, Path wav) {
            bridge.execute(() -> listeners.forEach(l -> l.levelFinished(job, level, candidate, wav)));
        }

        @Override
        public void onMessage(String message) {
            bridge.execute(() -> job.note(message));
        }
    }

    /**
     * Cancels every job and waits a few seconds for the running one to stop, so its record says
     * CANCELLED (cancelling is prompt and keeps finished windows); a job still running after that
     * is left to the daemon thread and shows as interrupted, resumable, in History.
     */
    @Override
    public void close() {
        for (QueuedJob job : List.copyOf(jobs)) {
            job.token().cancel();
        }
        worker.shutdown();
        try {
            worker.awaitTermination(CLOSE_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
