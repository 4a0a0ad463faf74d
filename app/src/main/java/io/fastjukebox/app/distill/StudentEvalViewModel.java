package io.fastjukebox.app.distill;

import io.fastjukebox.app.jobs.JobQueue;
import io.fastjukebox.app.jobs.QueuedJob;
import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.distill.eval.EvalParams;
import io.fastjukebox.engine.distill.eval.EvalReport;
import io.fastjukebox.engine.distill.eval.Evaluation;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.jobs.TrainingListener;
import io.fastjukebox.engine.prior.PriorBundles;
import io.fastjukebox.engine.prior.PriorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Evaluating a finished student against its teacher on held-out codes the user chooses (held-out
 * NLL, KL to the teacher, top-1 agreement, parameters and sampling speed measured side by side), as
 * a job of the engine queue; the Markdown report (and its JSON) goes to the workspace's
 * {@code reports/}, never over an existing one, and is shown here. Use on the UI thread.
 */
public final class StudentEvalViewModel {
    /** Tokens timed per repeat at most (the CLI's default); fewer when the teacher's context is shorter. */
    static final int MAX_TIMED_TOKENS = 256;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final JobQueue queue;
    private final Workspace workspace;
    private final Executor background;
    private final Consumer<Runnable> ui;
    private final ReadOnlyObjectWrapper<Path> teacher = new ReadOnlyObjectWrapper<>(this, "teacher");
    private final ReadOnlyObjectWrapper<Path> student = new ReadOnlyObjectWrapper<>(this, "student");
    private final StringProperty heldOutCodes = new SimpleStringProperty(this, "heldOutCodes", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<QueuedJob> currentJob = new ReadOnlyObjectWrapper<>(this, "currentJob");
    private final ReadOnlyObjectWrapper<Path> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyStringWrapper reportText = new ReadOnlyStringWrapper(this, "reportText", "");

    StudentEvalViewModel(JobQueue queue, Workspace workspace, Executor background, Consumer<Runnable> ui) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /** The teacher of the student to evaluate; null until a run has finished. */
    public ReadOnlyObjectProperty<Path> teacherProperty() { return teacher.getReadOnlyProperty(); }
    /** The student to evaluate; null until a run has finished. */
    public ReadOnlyObjectProperty<Path> studentProperty() { return student.getReadOnlyProperty(); }
    /** The held-out codes (.npz) to score on. */
    public StringProperty heldOutCodesProperty() { return heldOutCodes; }
    /** What is wrong with the request, or empty. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** The evaluation's progress or outcome, in words. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<QueuedJob> currentJobProperty() { return currentJob.getReadOnlyProperty(); }
    /** The report shown, or null. */
    public ReadOnlyObjectProperty<Path> reportProperty() { return report.getReadOnlyProperty(); }
    /** Its Markdown. */
    public ReadOnlyStringProperty reportTextProperty() { return reportText.getReadOnlyProperty(); }

    /** Chooses the pair to compare (a run has finished). */
    void target(Path teacherFile, Path studentFile) {
        teacher.set(teacherFile);
        student.set(studentFile);
        status.set("Ready to evaluate " + studentFile.getFileName() + " against " + teacherFile.getFileName());
    }

    /** Queues the evaluation; empty (with the reason in {@link #errorProperty()}) if it cannot start. */
    public Optional<QueuedJob> evaluate() {
        error.set("");
        Path t = teacher.get();
        Path s = student.get();
        String text = heldOutCodes.get().trim();
        if (t == null || s == null) {
            error.set("Finish a distillation first: its student is evaluated against its teacher");
        } else if (text.isEmpty()) {
            error.set("Choose held-out codes (.npz) the student was not trained on");
        } else if (!Files.isRegularFile(Path.of(text))) {
            error.set("No such codes file: " + text);
        }
        if (!error.get().isEmpty()) {
            return Optional.empty();
        }
        Path codes = Path.of(text).toAbsolutePath().normalize();
        Path out = newReport(s);
        QueuedJob job = queue.submitTask("Evaluate " + s.getFileName(), out, (cancel, listener) -> {
            run(t, s, codes, out, cancel, listener).write(out);
            return true; // the report is written: the evaluation is complete even if Cancel came late
        }, new TrainingListener() {
            @Override
            public void onMessage(String message) {
                status.set("Evaluating: " + message);
            }
        });
        currentJob.set(job);
        status.set("Queued: evaluation of " + s.getFileName() + " → " + out);
        job.stateProperty().addListener((o, was, now) -> ended(job, out));
        if (job.state().isDone()) {
            ended(job, out);
        }
        return Optional.of(job);
    }

    private void ended(QueuedJob job, Path out) {
        switch (job.state()) {
            case FINISHED -> open(out);
            case CANCELLED, FAILED -> status.set("Evaluation " + job.state().name().toLowerCase(java.util.Locale.ROOT) + ": "
                    + job.messageProperty().get());
            default -> { }
        }
    }

    /** Shows a report's Markdown (read in the background). */
    public CompletableFuture<Void> open(Path markdown) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(markdown);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, background).handle((text, e) -> {
            ui.accept(() -> {
                report.set(markdown);
                reportText.set(e == null ? text : "");
                status.set(e == null ? "Report " + markdown.getFileName() + " in " + markdown.getParent() : "Cannot read the report " + markdown + ": " + e.getMessage());
            });
            return null;
        });
    }

    private Path newReport(Path studentFile) {
        String base = studentFile.getFileName().toString().replaceFirst("\\.fjb$", "") + "-eval-"
                + LocalDateTime.now().format(TIME);
        for (int k = 1; ; k++) {
            Path md = workspace.reports().resolve(base + (k == 1 ? "" : "-" + k) + ".md");
            if (!Files.exists(md) && !Files.exists(EvalReport.jsonPath(md)) && !queue.isActive(md)) {
                return md;
            }
        }
    }

    /** The evaluation itself, on the queue's thread. */
    private static EvalReport run(Path teacher, Path student, Path codes, Path out, CancellationToken cancel,
            TrainingListener listener) throws IOException {
        PriorConfig c = Json.mapper().treeToValue(ModelBundle.readManifest(teacher, PriorBundles.KIND).config(),
                PriorConfig.class);
        EvalParams d = EvalParams.defaults();
        int tokens = Math.min(MAX_TIMED_TOKENS, c.nCtx());
        EvalParams params = new EvalParams(d.maxWindows(), tokens, d.speedBatch(), Math.min(d.speedWarmup(), tokens),
                d.speedRepeats(), d.clips(), d.seed());
        EvalReport r = Evaluation.run(new Evaluation.Request(teacher, List.of(student), codes, null, null, params),
                cancel, listener::onMessage);
        Files.createDirectories(out.getParent());
        return r;
    }
}
