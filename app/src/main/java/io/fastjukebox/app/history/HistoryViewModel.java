package io.fastjukebox.app.history;

import io.fastjukebox.app.candidates.CandidatesViewModel;
import io.fastjukebox.app.compare.CompareViewModel;
import io.fastjukebox.app.distill.DistillRunItem;
import io.fastjukebox.app.distill.DistillViewModel;
import io.fastjukebox.app.jobs.JobQueue;
import io.fastjukebox.app.jobs.QueuedJob;
import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.generate.JobRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The History screen: every job folder of the workspace, newest first, with its settings, seed,
 * models, timings and outputs; a job can be shown on Candidates or Compare, or resumed. Below them
 * the workspace's distillation runs (their run records next to the students), which can be resumed
 * on the Distill screen. Jobs are never changed here except by resuming them; every run writes a new
 * folder or student. Use on the UI thread.
 */
public final class HistoryViewModel {
    private final Workspace workspace;
    private final JobQueue queue;
    private final Executor background;
    private final Consumer<Runnable> ui;
    private final CandidatesViewModel candidates;
    private final CompareViewModel compare;
    private final DistillViewModel distill;
    private final ObservableList<HistoryItem> items = FXCollections.observableArrayList();
    private final ObservableList<DistillRunItem> runs = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public HistoryViewModel(Workspace workspace, JobQueue queue, Executor background, Consumer<Runnable> ui,
            CandidatesViewModel candidates, CompareViewModel compare, DistillViewModel distill) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.candidates = Objects.requireNonNull(candidates, "candidates");
        this.compare = Objects.requireNonNull(compare, "compare");
        this.distill = Objects.requireNonNull(distill, "distill");
        queue.addListener(new JobQueue.Listener() {
            @Override
            public void jobEnded(QueuedJob job) {
                refresh();
            }
        });
    }

    /** The workspace's jobs, newest first. */
    public ObservableList<HistoryItem> items() { return items; }
    /** The workspace's distillation runs, newest first. */
    public ObservableList<DistillRunItem> runs() { return runs; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** Re-reads every job folder and distillation run. */
    public CompletableFuture<Void> refresh() {
        List<Path> active = queue.jobs().stream().filter(j -> !j.state().isDone()).map(QueuedJob::jobDir).toList();
        CompletableFuture<List<DistillRunItem>> distillRuns = CompletableFuture.supplyAsync(
                () -> DistillRunItem.scan(workspace.models(), active), background);
        return CompletableFuture.supplyAsync(() -> scan(active), background).thenCombine(distillRuns, (found, r) -> {
            ui.accept(() -> {
                items.setAll(found);
                runs.setAll(r);
                message.set(found.size() + " job(s) in " + workspace.jobs() + ", " + r.size() + " distillation run(s) in "
                        + workspace.models());
            });
            return (Void) null;
        });
    }

    private List<HistoryItem> scan(List<Path> active) {
        if (!Files.isDirectory(workspace.jobs())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(workspace.jobs())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("job.json")))
                    .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed())
                    .map(d -> HistoryItem.read(d, active.contains(d))).toList();
        } catch (IOException e) {
            return List.of(new HistoryItem(workspace.jobs(), null, e.getMessage(), List.of(), false));
        }
    }

    /** Shows the job's candidates on the Candidates screen. */
    public void openInCandidates(HistoryItem item) {
        candidates.show(item.dir());
    }

    /** Puts each candidate's most detailed output on the Compare screen; false if it has none. */
    public boolean compareOutputs(HistoryItem item) {
        List<Path> wavs = item.bestOutputs();
        if (wavs.isEmpty()) {
            message.set(item.name() + " has no decoded audio yet");
            return false;
        }
        compare.show(wavs);
        return true;
    }

    /** Resumes a stopped distillation run on the Distill screen; false if it has nothing to resume. */
    public boolean resume(DistillRunItem run) {
        if (!run.resumable()) {
            message.set(run.name() + " is " + run.status() + ": nothing to resume");
            return false;
        }
        message.set("Resuming " + run.name() + " on the Distill screen");
        return distill.resume(run).isPresent();
    }

    /** Runs a cancelled, failed or interrupted job again from its last saved window. */
    public Optional<QueuedJob> resume(HistoryItem item) {
        if (!item.resumable() || queue.isActive(item.dir())) {
            message.set(item.name() + " is " + (queue.isActive(item.dir()) ? "already queued" : item.status())
                    + ": nothing to resume");
            return Optional.empty();
        }
        Path dir = item.dir();
        message.set("Resuming " + item.name());
        return Optional.of(queue.submit("Resume " + item.name(), dir, (cancel, listener) -> JobRunner.run(dir, cancel,
                listener)));
    }
}
