package io.fastjukebox.app.distill;

import io.fastjukebox.app.jobs.JobQueue;
import io.fastjukebox.app.jobs.QueuedJob;
import io.fastjukebox.app.models.ModelEntry;
import io.fastjukebox.app.models.ModelsViewModel;
import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.distill.DistillParams;
import io.fastjukebox.engine.distill.DistillRun;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.jobs.TrainingListener;
import io.fastjukebox.engine.prior.train.TrainingCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Distill screen: a teacher from the model library, a student size the engine accepts for it,
 * the mode, the data and the schedule, checked before anything starts; Start queues the run in the
 * studio's one engine queue, writing a new student to the workspace's models (never over a file);
 * Cancel stops it at the next step and keeps a checkpoint; Resume continues from it. The run's
 * progress and loss curves are in {@link #progress()}; once it finishes, the student is in the
 * library (the studio rescans it when a job ends) and {@link #evaluation()} can compare it with its
 * teacher. Use on the UI thread.
 */
public final class DistillViewModel {
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ModelsViewModel models;
    private final JobQueue queue;
    private final Workspace workspace;
    private final DistillForm form = new DistillForm();
    private final DistillProgress progress = new DistillProgress();
    private final StudentEvalViewModel evaluation;

    private final ObservableList<ModelEntry> teacherOptions = FXCollections.observableArrayList();
    private final ObjectProperty<ModelEntry> teacher = new SimpleObjectProperty<>(this, "teacher");
    private final ObservableList<Integer> layerOptions = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> layers = new SimpleObjectProperty<>(this, "layers");
    private final StringProperty width = new SimpleStringProperty(this, "width", "");
    private final ObjectProperty<StudentMode> mode = new SimpleObjectProperty<>(this, "mode", StudentMode.FULL);
    private final StringProperty data = new SimpleStringProperty(this, "data", "");
    private final ObservableList<ModelEntry> vqvaeOptions = FXCollections.observableArrayList();
    private final ObjectProperty<ModelEntry> vqvae = new SimpleObjectProperty<>(this, "vqvae");
    private final StringProperty phase1Epochs = new SimpleStringProperty(this, "phase1Epochs", "20");
    private final StringProperty phase2Epochs = new SimpleStringProperty(this, "phase2Epochs", "50");
    private final StringProperty stepsPerEpoch = new SimpleStringProperty(this, "stepsPerEpoch", "0");
    private final StringProperty batch = new SimpleStringProperty(this, "batch", "8");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "0");
    private final StringProperty validateEvery = new SimpleStringProperty(this, "validateEvery", "200");
    private final Map<DistillField, ReadOnlyStringWrapper> errors = new EnumMap<>(DistillField.class);
    private final ReadOnlyStringWrapper generalError = new ReadOnlyStringWrapper(this, "generalError", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<QueuedJob> currentJob = new ReadOnlyObjectWrapper<>(this, "currentJob");
    private final ReadOnlyObjectWrapper<DistillRunRecord> currentRun = new ReadOnlyObjectWrapper<>(this, "currentRun");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper resumable = new ReadOnlyBooleanWrapper(this, "resumable");

    public DistillViewModel(ModelsViewModel models, JobQueue queue, Workspace workspace, Executor background,
            Consumer<Runnable> ui) {
        this.models = Objects.requireNonNull(models, "models");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.evaluation = new StudentEvalViewModel(queue, workspace, background, ui);
        for (DistillField f : DistillField.values()) {
            errors.put(f, new ReadOnlyStringWrapper(this, f.name(), ""));
        }
        teacher.addListener((o, was, now) -> offerSizes(now));
        models.entries().addListener((javafx.collections.ListChangeListener<ModelEntry>) c -> refreshTeachers());
        models.vqvaeOptions().addListener((javafx.collections.ListChangeListener<ModelEntry>) c -> refreshVqVae());
        refreshTeachers();
        refreshVqVae();
    }

    /** The priors of the library, any of which can teach. */
    public ObservableList<ModelEntry> teacherOptions() { return teacherOptions; }
    public ObjectProperty<ModelEntry> teacherProperty() { return teacher; }
    /** The student layer counts the engine accepts for the chosen teacher (whole attention-pattern cycles). */
    public ObservableList<Integer> layerOptions() { return layerOptions; }
    public ObjectProperty<Integer> layersProperty() { return layers; }
    /** The student's width; empty for the teacher's. */
    public StringProperty widthProperty() { return width; }
    public ObjectProperty<StudentMode> modeProperty() { return mode; }
    /** A codes .npz, or a folder of audio (encoded with {@link #vqvaeProperty()}). */
    public StringProperty dataProperty() { return data; }
    /** The library's VQ-VAEs. */
    public ObservableList<ModelEntry> vqvaeOptions() { return vqvaeOptions; }
    public ObjectProperty<ModelEntry> vqvaeProperty() { return vqvae; }
    public StringProperty phase1EpochsProperty() { return phase1Epochs; }
    public StringProperty phase2EpochsProperty() { return phase2Epochs; }
    /** Steps per epoch; 0 = as many as the data has windows per batch. */
    public StringProperty stepsPerEpochProperty() { return stepsPerEpoch; }
    public StringProperty batchProperty() { return batch; }
    public StringProperty seedProperty() { return seed; }
    /** Steps between held-out measurements; 0 = never. */
    public StringProperty validateEveryProperty() { return validateEvery; }
    /** The problem with one field, or empty. */
    public ReadOnlyStringProperty errorProperty(DistillField field) { return errors.get(field).getReadOnlyProperty(); }
    /** A problem not tied to one field. */
    public ReadOnlyStringProperty generalErrorProperty() { return generalError.getReadOnlyProperty(); }
    /** Where the current run stands, in words (started, stopped, finished with its student). */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The job started or resumed last from this screen; null before the first. */
    public ReadOnlyObjectProperty<QueuedJob> currentJobProperty() { return currentJob.getReadOnlyProperty(); }
    /** The run of {@link #currentJobProperty()}; null before the first. */
    public ReadOnlyObjectProperty<DistillRunRecord> currentRunProperty() { return currentRun.getReadOnlyProperty(); }
    /** Whether the current run is waiting or running (Cancel applies). */
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** Whether the current run stopped early, cancelled or failed (Resume applies). */
    public ReadOnlyBooleanProperty resumableProperty() { return resumable.getReadOnlyProperty(); }
    public DistillProgress progress() { return progress; }
    public StudentEvalViewModel evaluation() { return evaluation; }

    private void refreshTeachers() {
        Path chosen = teacher.get() == null ? null : teacher.get().file();
        List<ModelEntry> priors = models.entries().stream().filter(e -> !e.isVqVae()).toList();
        teacherOptions.setAll(priors);
        teacher.set(priors.stream().filter(e -> e.file().equals(chosen)).findFirst().orElseGet(() -> priors.stream()
                .filter(e -> !"distilled".equals(e.source()) && StudentSizes.suggested(e.prior()) != null).findFirst()
                .orElse(null)));
    }

    private void refreshVqVae() {
        Path chosen = vqvae.get() == null ? null : vqvae.get().file();
        List<ModelEntry> options = List.copyOf(models.vqvaeOptions());
        vqvaeOptions.setAll(options);
        vqvae.set(options.stream().filter(e -> e.file().equals(chosen)).findFirst()
                .orElse(options.isEmpty() ? null : options.get(0)));
    }

    private void offerSizes(ModelEntry t) {
        Integer before = layers.get();
        List<Integer> sizes = t == null ? List.of() : StudentSizes.of(t.prior());
        layerOptions.setAll(sizes);
        layers.set(before != null && sizes.contains(before) ? before : t == null ? null : StudentSizes.suggested(t.prior()));
    }

    /**
     * Checks the form and, if it is valid, queues a new run writing a new student. Returns the job, or
     * empty when something is wrong (the messages are then next to the fields). Nothing is written before.
     */
    public Optional<QueuedJob> start() {
        ModelEntry t = teacher.get();
        DistillForm.Valid v = form.check(new DistillForm.Input(t == null ? null : t.file(), t == null ? null : t.prior(),
                layers.get(), width.get(), mode.get().engine(), data.get(), vqvae.get() == null ? null : vqvae.get().file(),
                phase1Epochs.get(), phase2Epochs.get(), stepsPerEpoch.get(), batch.get(), seed.get(), validateEvery.get()));
        errors.forEach((field, message) -> message.set(form.errors().getOrDefault(field, "")));
        generalError.set(form.generalError());
        if (v == null) {
            return Optional.empty();
        }
        DistillRunRecord run = new DistillRunRecord(Instant.now().toString(), newStudent(v), v.teacher(),
                v.data().toAbsolutePath().normalize(), v.vqvae(), v.level(), v.layers(), v.width(), v.params());
        progress.reset();
        return Optional.of(submit(run, "Distil "));
    }

    /** A new student file in the workspace's models: nothing of that name (bundle, checkpoint, record) exists or is queued. */
    private Path newStudent(DistillForm.Valid v) {
        String teacherName = v.teacher().getFileName().toString().replaceFirst("\\.fjb$", "");
        String base = teacherName + "-" + v.layers() + "L" + (v.width() == null ? "" : "-w" + v.width()) + "-"
                + v.params().mode().id() + "-" + LocalDateTime.now().format(RUN_TIME);
        for (int k = 1; ; k++) {
            Path student = workspace.models().resolve(base + (k == 1 ? "" : "-" + k) + ".fjb").toAbsolutePath().normalize();
            boolean taken = Files.exists(student) || Files.exists(DistillRun.checkpointPath(student))
                    || Files.exists(DistillRunRecord.recordPath(student))
                    || queue.jobs().stream().anyMatch(j -> j.jobDir().equals(student));
            if (!taken) {
                return student;
            }
        }
    }

    /** Continues the current run from its checkpoint (or starts it again if it stopped before its first). */
    public Optional<QueuedJob> resume() {
        DistillRunRecord run = currentRun.get();
        QueuedJob job = currentJob.get();
        if (run == null || (job != null && !resumable.get())) {
            generalError.set(run == null ? "No run to resume: start one" : job.state() == QueuedJob.State.FINISHED
                    ? "The run has finished: start a new one" : "The run is still going");
            return Optional.empty();
        }
        generalError.set("");
        return Optional.of(submit(run, "Resume "));
    }

    /** Shows a run of the workspace (from History) on this screen and resumes it. */
    public Optional<QueuedJob> resume(DistillRunItem item) {
        if (!item.resumable() || queue.isActive(item.record().student())) {
            generalError.set(item.name() + " is " + item.status() + ": nothing to resume");
            return Optional.empty();
        }
        show(item.record());
        progress.reset();
        currentJob.set(null);
        currentRun.set(item.record());
        return resume();
    }

    /** Fills the form with a run's settings. */
    private void show(DistillRunRecord run) {
        teacherOptions.stream().filter(e -> e.file().equals(run.teacher())).findFirst().ifPresent(teacher::set);
        layers.set(run.layers());
        width.set(run.width() == null ? "" : run.width().toString());
        DistillParams p = run.params();
        mode.set(StudentMode.of(p.mode()));
        data.set(run.data().toString());
        phase1Epochs.set(Integer.toString(p.phase1Epochs()));
        phase2Epochs.set(Integer.toString(p.phase2Epochs()));
        stepsPerEpoch.set(Integer.toString(p.stepsPerEpoch()));
        batch.set(Integer.toString(p.batchSize()));
        seed.set(Long.toString(p.seed()));
        validateEvery.set(Integer.toString(p.validateEvery()));
    }

    /** Cancels the current run; its checkpoint keeps every finished step. */
    public void cancel() {
        QueuedJob job = currentJob.get();
        if (job != null) {
            job.cancel();
        }
    }

    private QueuedJob submit(DistillRunRecord run, String verb) {
        progress.note(verb + run.describe() + " → " + run.student().getFileName());
        QueuedJob job = queue.submitTask(verb + run.student().getFileName(), run.student(),
                (cancel, listener) -> runEngine(run, cancel, listener), progress);
        currentJob.set(job);
        currentRun.set(run);
        running.set(true);
        resumable.set(false);
        status.set("Queued: " + run.student());
        job.stateProperty().addListener((o, was, now) -> ended(job, run));
        if (job.state() != QueuedJob.State.WAITING) {
            ended(job, run); // it already ran (an engine queue that runs jobs as they come, in tests)
        }
        return job;
    }

    private void ended(QueuedJob job, DistillRunRecord run) {
        switch (job.state()) {
            case RUNNING -> status.set("Running: " + run.student());
            case FINISHED -> {
                status.set("Finished: the student " + run.student().getFileName() + " is in the model library");
                evaluation.target(run.teacher(), run.student());
            }
            case CANCELLED -> status.set("Stopped: Resume continues from " + run.checkpoint().getFileName());
            case FAILED -> status.set("Failed: " + job.messageProperty().get());
            default -> { }
        }
        if (job.state().isDone()) {
            running.set(false);
            resumable.set(job.state() == QueuedJob.State.CANCELLED || job.state() == QueuedJob.State.FAILED);
            progress.note(job.state().name().toLowerCase(java.util.Locale.ROOT) + ": " + job.messageProperty().get());
        }
    }

    /** The run itself, on the queue's thread: record, codes, then the engine's run (resuming its checkpoint if any). */
    static boolean runEngine(DistillRunRecord run, CancellationToken cancel, TrainingListener listener) throws IOException {
        Path recordFile = DistillRunRecord.recordPath(run.student());
        if (!Files.exists(recordFile)) {
            run.write();
        }
        TrainingCodes codes = TrainingCodes.load(run.data(), run.vqvae(),
                run.student().resolveSibling(run.student().getFileName() + ".codes.npz"), listener::onMessage);
        if (codes.tracks().isEmpty()) {
            throw new IllegalArgumentException(run.data() + ": holds no clips to distil on");
        }
        boolean resume = Files.isRegularFile(run.checkpoint());
        DistillRun.run(new DistillRun.Request(run.teacher(), run.level(), run.layers(), run.width(), codes.tracks(),
                codes.provenance(), run.params(), run.student(), resume), cancel, listener);
        return !cancel.isCancelled() || DistillRunItem.read(recordFile, List.of()).finished();
    }
}
