package io.fastjukebox.app.candidates;

import io.fastjukebox.app.audioview.AudioViewModel;
import io.fastjukebox.app.audioview.TimeAxis;
import io.fastjukebox.app.compare.CompareViewModel;
import io.fastjukebox.app.export.ClipExporter;
import io.fastjukebox.app.export.JobMetadata;
import io.fastjukebox.app.jobs.JobQueue;
import io.fastjukebox.app.jobs.QueuedJob;
import io.fastjukebox.app.playback.PlaybackViewModel;
import io.fastjukebox.engine.generate.JobFolder;
import io.fastjukebox.engine.generate.JobRecord;
import io.fastjukebox.engine.generate.JobRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Candidates screen: the top-level candidates of one job, appearing as they are decoded;
 * one can be previewed and played, several compared, and the picked ones upsampled by a job
 * queued behind any running one (Jukebox's "co-composing": generate, pick, upsample). Use on the
 * UI thread; reading the job folder runs in the background.
 */
public final class CandidatesViewModel {
    private final JobQueue queue;
    private final Executor background;
    private final Consumer<Runnable> ui;
    private final PlaybackViewModel playback;
    private final CompareViewModel compare;
    private final ReadOnlyObjectWrapper<Path> jobDir = new ReadOnlyObjectWrapper<>(this, "jobDir");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "No job yet: start one on Generate");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObservableList<CandidateItem> candidates = FXCollections.observableArrayList();
    private final AudioViewModel preview;
    private final TimeAxis previewAxis = new TimeAxis();
    private long reads;

    public CandidatesViewModel(JobQueue queue, Executor background, Consumer<Runnable> ui, PlaybackViewModel playback,
            CompareViewModel compare) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.playback = Objects.requireNonNull(playback, "playback");
        this.compare = Objects.requireNonNull(compare, "compare");
        this.preview = new AudioViewModel(background, ui);
        previewAxis.playheadProperty().bind(playback.positionProperty());
        preview.loadedProperty().addListener((o, was, now) -> previewAxis.setDuration(now == null ? 0 : now.durationSeconds()));
        queue.addListener(new JobQueue.Listener() {
            @Override
            public void levelFinished(QueuedJob job, int level, int candidate, Path wav) {
                if (job.jobDir().equals(jobDir.get())) {
                    show(job.jobDir());
                }
            }

            @Override
            public void jobEnded(QueuedJob job) {
                if (job.jobDir().equals(jobDir.get())) {
                    show(job.jobDir());
                }
            }
        });
    }

    public ReadOnlyObjectProperty<Path> jobDirProperty() { return jobDir.getReadOnlyProperty(); }
    /** What the job is: duration, candidates, seed, models. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    /** The outcome of the last action, or why it could not be done. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ObservableList<CandidateItem> candidates() { return candidates; }
    /** Every queued job of this session (generations and upsamplings), oldest first. */
    public ObservableList<QueuedJob> queue() { return queue.jobs(); }
    /** The previewed candidate's audio. */
    public AudioViewModel preview() { return preview; }
    public TimeAxis previewAxis() { return previewAxis; }

    /** Shows the candidates of {@code dir} (re-read from disk; picks of unchanged candidates are kept). */
    public CompletableFuture<Void> show(Path dir) {
        long ticket = ++reads;
        if (!dir.equals(jobDir.get())) {
            candidates.clear();
            jobDir.set(dir);
        }
        return CompletableFuture.supplyAsync(() -> read(dir), background).thenAcceptAsync(result -> {
            if (ticket != reads) {
                return; // a newer read is under way
            }
            summary.set(result.summary());
            List<Integer> picked = candidates.stream().filter(c -> c.pickedProperty().get()).map(CandidateItem::number).toList();
            for (CandidateItem c : result.items()) {
                c.pickedProperty().set(picked.contains(c.number()));
            }
            candidates.setAll(result.items());
        }, ui::accept);
    }

    private record Read(String summary, List<CandidateItem> items) {}

    private static Read read(Path dir) {
        JobFolder folder = new JobFolder(dir);
        if (!folder.exists()) {
            return new Read(dir.getFileName() + ": waiting to start", List.of());
        }
        try {
            JobRecord r = folder.readRecord();
            List<CandidateItem> items = new ArrayList<>();
            for (int c = 1; c <= r.candidates(); c++) {
                Path[] wavs = new Path[3];
                for (int level = 0; level <= 2; level++) {
                    Path wav = folder.wavFile(c, level);
                    wavs[level] = Files.isRegularFile(wav) ? wav : null;
                }
                if (wavs[2] != null) { // candidates appear once their top level is decoded
                    items.add(new CandidateItem(c, wavs, r.upsample().contains(c)));
                }
            }
            String text = String.format(Locale.ROOT, "%s · %s · %.1f s · %d candidate(s) · seed %d · %s",
                    dir.getFileName(), r.mode().name().toLowerCase(Locale.ROOT), r.seconds(), r.candidates(),
                    r.settings().seed(), r.status().name().toLowerCase(Locale.ROOT));
            return new Read(text, items);
        } catch (IOException | RuntimeException e) {
            return new Read(e.getMessage(), List.of());
        }
    }

    /** Loads {@code item}'s most detailed audio into the preview and cues it for playing. */
    public CompletableFuture<Void> select(CandidateItem item) {
        Optional<Path> wav = item.best();
        if (wav.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return preview.load(wav.get(), JobMetadata.displayName(wav.get())).thenRun(() -> {
            AudioViewModel.Loaded l = preview.loadedProperty().get();
            playback.cue(l.fileName(), l.clip());
        });
    }

    /** Cues the previewed candidate and moves the playhead to {@code seconds}. */
    public void seekPreview(double seconds) {
        AudioViewModel.Loaded l = preview.loadedProperty().get();
        if (l != null) {
            playback.cue(l.fileName(), l.clip());
            playback.seek(seconds);
        }
    }

    /** Queues the upsampling of the picked candidates (middle and bottom levels) in this job's folder. */
    public Optional<QueuedJob> upsamplePicked() {
        Path dir = jobDir.get();
        List<Integer> picked = candidates.stream().filter(c -> c.pickedProperty().get() && !c.upsampleRequested())
                .map(CandidateItem::number).toList();
        if (dir == null || picked.isEmpty()) {
            message.set(candidates.stream().anyMatch(c -> c.pickedProperty().get())
                    ? "The picked candidates are already upsampled (or queued)" : "Pick at least one candidate to upsample");
            return Optional.empty();
        }
        message.set("Upsampling of candidate(s) " + picked + " queued");
        return Optional.of(queue.submit("Upsample candidate(s) " + picked + " of " + dir.getFileName(), dir,
                (cancel, listener) -> {
                    new JobFolder(dir).chooseForUpsampling(picked);
                    return JobRunner.run(dir, cancel, listener);
                }));
    }

    /** Puts the picked candidates (or {@code fallback} if none is picked) on the Compare screen; false if none. */
    public boolean comparePicked(CandidateItem fallback) {
        List<Path> wavs = new ArrayList<>();
        for (CandidateItem c : candidates) {
            if (c.pickedProperty().get()) {
                c.best().ifPresent(wavs::add);
            }
        }
        if (wavs.isEmpty() && fallback != null) {
            fallback.best().ifPresent(wavs::add);
        }
        if (wavs.isEmpty()) {
            message.set("Pick the candidates to compare");
            return false;
        }
        compare.show(wavs);
        return true;
    }

    /** Writes the previewed candidate to {@code target} (WAV or FLAC) with the job's metadata beside it. */
    public CompletableFuture<Void> exportPreview(Path target) {
        AudioViewModel.Loaded l = preview.loadedProperty().get();
        Path source = preview.fileProperty().get();
        if (l == null || source == null) {
            message.set("Select a candidate first");
            return CompletableFuture.completedFuture(null);
        }
        return ClipExporter.exportInBackground(l.clip(), source, target, background)
                .thenAccept(outcome -> ui.accept(() -> message.set(outcome)));
    }
}
