package io.fastjukebox.app.jobs;

import io.fastjukebox.engine.jobs.CancellationToken;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One engine job in the {@link JobQueue}: what it is, where it writes, where it stands, one
 * {@link LevelProgress} per level (a generation) or one {@link StepProgress} (a
 * {@link JobQueue.Task}: a distillation, an evaluation), and its error (a readable line plus the
 * details). Properties change on the UI thread only.
 */
public final class QueuedJob {
    /** Where a queued job stands. */
    public enum State {
        WAITING, RUNNING, FINISHED, CANCELLED, FAILED;

        /** Whether the job will not change any more. */
        public boolean isDone() {
            return this == FINISHED || this == CANCELLED || this == FAILED;
        }
    }

    private final String title;
    private final Path jobDir;
    private final CancellationToken cancel = new CancellationToken();
    private final boolean task;
    private final List<LevelProgress> levels;
    private final StepProgress steps = new StepProgress();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.WAITING);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "waiting in the queue");
    private final ReadOnlyStringWrapper errorDetails = new ReadOnlyStringWrapper(this, "errorDetails", "");

    QueuedJob(String title, Path jobDir, boolean task) {
        this.title = title;
        this.jobDir = jobDir;
        this.task = task;
        this.levels = task ? List.of() : List.of(new LevelProgress(2), new LevelProgress(1), new LevelProgress(0));
    }

    public String title() {
        return title;
    }

    /** The job folder it creates or runs; for a task, the file it writes (a student bundle, a report). */
    public Path jobDir() {
        return jobDir;
    }

    /** Whether it is a {@link JobQueue.Task} (progress in {@link #steps()}) rather than a generation (per level). */
    public boolean isTask() {
        return task;
    }

    /** Top, middle, bottom; empty for a task. */
    public List<LevelProgress> levels() {
        return levels;
    }

    /** A task's step, speed and ETA (unused by generations). */
    public StepProgress steps() {
        return steps;
    }

    /** The bar of {@code level} (2 = top). */
    public LevelProgress level(int level) {
        return levels.get(2 - level);
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** The latest status line, or the error of a failed job. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The failure's stack trace, for a "details" view; empty unless failed. */
    public ReadOnlyStringProperty errorDetailsProperty() {
        return errorDetails.getReadOnlyProperty();
    }

    /** Asks the job to stop (promptly; finished windows are kept). A waiting job never starts. */
    public void cancel() {
        cancel.cancel();
        if (state.get() == State.WAITING) {
            end(State.CANCELLED, "cancelled before it started", "");
        }
    }

    boolean isCancelRequested() {
        return cancel.isCancelled();
    }

    CancellationToken token() {
        return cancel;
    }

    void start() {
        state.set(State.RUNNING);
        message.set("running");
    }

    void note(String text) {
        message.set(text);
    }

    void end(State end, String text, String details) {
        state.set(end);
        message.set(text);
        errorDetails.set(details);
    }

    @Override
    public String toString() {
        return title + " (" + state.get() + ")";
    }
}
