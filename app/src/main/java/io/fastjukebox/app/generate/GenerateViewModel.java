package io.fastjukebox.app.generate;

import io.fastjukebox.app.audioview.AudioViewModel;
import io.fastjukebox.app.audioview.TimeAxis;
import io.fastjukebox.app.jobs.JobQueue;
import io.fastjukebox.app.jobs.QueuedJob;
import io.fastjukebox.app.models.ModelsViewModel;
import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.generate.GenerationMode;
import io.fastjukebox.engine.generate.GenerationSettings;
import io.fastjukebox.engine.generate.JobCreator;
import io.fastjukebox.engine.generate.JobRequest;
import io.fastjukebox.engine.generate.JobRunner;
import io.fastjukebox.engine.generate.ModelSet;
import io.fastjukebox.engine.generate.PerLevel;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Generate screen: the form (duration, candidates, seed, per-level temperature and hop
 * fraction, top-k/top-p, an optional prompt file and how much of it to keep), checked before any
 * work; Start queues a job that creates a new job folder and runs it; the job's per-level progress
 * stays available while the user is on other screens. Use on the UI thread.
 */
public final class GenerateViewModel {
    private static final SecureRandom DICE = new SecureRandom();

    private final ModelsViewModel models;
    private final JobQueue queue;
    private final Workspace workspace;
    private final GenerateForm form = new GenerateForm();
    private final AudioViewModel prime;
    private final TimeAxis primeAxis = new TimeAxis();

    private final StringProperty seconds = new SimpleStringProperty(this, "seconds", "20");
    private final StringProperty candidates = new SimpleStringProperty(this, "candidates", "3");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", Long.toString(roll()));
    private final StringProperty[] temperature = {text("temperatureTop", ""), text("temperatureMiddle", ""),
        text("temperatureBottom", "")}; // filled from the model set's recommendation, else Jukebox's
    private final StringProperty topK = new SimpleStringProperty(this, "topK", "0");
    private final StringProperty topP = new SimpleStringProperty(this, "topP", "0");
    private final StringProperty[] hop = {text("hopTop", "0.125"), text("hopMiddle", "0.5"), text("hopBottom", "0.5")};
    private final StringProperty primeFile = new SimpleStringProperty(this, "primeFile", "");
    private final StringProperty primeSeconds = new SimpleStringProperty(this, "primeSeconds", "8");
    private final BooleanProperty upsampleAll = new SimpleBooleanProperty(this, "upsampleAll", false);
    private final Map<FormField, ReadOnlyStringWrapper> errors = new EnumMap<>(FormField.class);
    private final ReadOnlyStringWrapper generalError = new ReadOnlyStringWrapper(this, "generalError", "");
    private final ReadOnlyObjectWrapper<QueuedJob> currentJob = new ReadOnlyObjectWrapper<>(this, "currentJob");
    private final ReadOnlyStringWrapper modelsSummary = new ReadOnlyStringWrapper(this, "modelsSummary", "");

    public GenerateViewModel(ModelsViewModel models, JobQueue queue, Workspace workspace, Executor background,
            Consumer<Runnable> ui) {
        this.models = Objects.requireNonNull(models, "models");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.prime = new AudioViewModel(background, ui);
        for (FormField f : FormField.values()) {
            errors.put(f, new ReadOnlyStringWrapper(this, f.name(), ""));
        }
        prime.loadedProperty().addListener((o, was, now) -> primeAxis.setDuration(now == null ? 0 : now.durationSeconds()));
        models.currentSetProperty().addListener((o, was, now) -> {
            modelsSummary.set(describe(now));
            if (now != null && (was == null || !now.temperatureOrDefault().equals(was.temperatureOrDefault()))) {
                showTemperature(now.temperatureOrDefault()); // another family's recommendation; edits stay otherwise
            }
        });
        ModelSet set = models.currentSetProperty().get();
        modelsSummary.set(describe(set));
        showTemperature(set != null ? set.temperatureOrDefault() : GenerationSettings.JUKEBOX_TEMPERATURE);
    }

    private void showTemperature(PerLevel t) {
        for (int level = 0; level < 3; level++) {
            temperatureProperty(level).set(number(t.get(level)));
        }
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private String describe(ModelSet set) {
        if (set == null) {
            return models.missingModels().orElse("No model set chosen");
        }
        return "Models" + (set.name() == null ? "" : " '" + set.name() + "'") + ": " + Path.of(set.top()).getFileName()
                + " / " + Path.of(set.middle()).getFileName() + " / " + Path.of(set.bottom()).getFileName() + " with "
                + Path.of(set.vqvae()).getFileName() + " (change on Models)"
                + (set.temperature() == null ? "" : "; recommended temperature " + set.temperature());
    }

    private StringProperty text(String name, String value) {
        return new SimpleStringProperty(this, name, value);
    }

    public StringProperty secondsProperty() { return seconds; }
    public StringProperty candidatesProperty() { return candidates; }
    /** The seed; always recorded in the job, so any result can be made again. */
    public StringProperty seedProperty() { return seed; }
    /** Temperature of {@code level} (2 = top). */
    public StringProperty temperatureProperty(int level) { return temperature[2 - level]; }
    public StringProperty topKProperty() { return topK; }
    public StringProperty topPProperty() { return topP; }
    /** Hop fraction of {@code level} (2 = top). */
    public StringProperty hopProperty(int level) { return hop[2 - level]; }
    /** The prompt audio file; empty for a clip from scratch. */
    public StringProperty primeFileProperty() { return primeFile; }
    /** Seconds of the prompt kept (the trim marker). */
    public StringProperty primeSecondsProperty() { return primeSeconds; }
    /** Sample the middle and bottom levels of every candidate right away, instead of picking first. */
    public BooleanProperty upsampleAllProperty() { return upsampleAll; }
    /** The problem with one field, or empty. */
    public ReadOnlyStringProperty errorProperty(FormField field) { return errors.get(field).getReadOnlyProperty(); }
    /** A problem not tied to one field (e.g. no model set). */
    public ReadOnlyStringProperty generalErrorProperty() { return generalError.getReadOnlyProperty(); }
    /** The job started last from this screen, running or done; null before the first. */
    public ReadOnlyObjectProperty<QueuedJob> currentJobProperty() { return currentJob.getReadOnlyProperty(); }
    /** Which model set a job would use now, or what is missing. */
    public ReadOnlyStringProperty modelsSummaryProperty() { return modelsSummary.getReadOnlyProperty(); }
    /** The prompt audio's waveform. */
    public AudioViewModel primeAudio() { return prime; }
    public TimeAxis primeAxis() { return primeAxis; }

    /** Draws a new random seed. */
    public void rollSeed() {
        seed.set(Long.toString(roll()));
    }

    private static long roll() {
        return DICE.nextLong() >>> 17; // short enough to read and type back
    }

    /** Loads the prompt file's waveform for the trim view (if the file exists). */
    public void loadPrime() {
        String p = primeFile.get().trim();
        if (!p.isEmpty() && Files.isRegularFile(Path.of(p))) {
            prime.load(Path.of(p));
        }
    }

    /** Sets the prompt length from the trim marker, to 0.01 s, within the file. */
    public void setPrimeSeconds(double value) {
        var loaded = prime.loadedProperty().get();
        double max = loaded == null ? value : loaded.durationSeconds();
        primeSeconds.set(String.format(Locale.ROOT, "%.2f", Math.max(0.01, Math.min(max, value))));
    }

    /**
     * Checks the form and, if it is valid, queues the job. Returns it, or empty when something is
     * wrong (the messages are then next to the fields). Nothing is written before the form is valid.
     */
    public Optional<QueuedJob> start() {
        generalError.set("");
        var loaded = prime.loadedProperty().get();
        boolean primeShown = loaded != null && Objects.equals(prime.fileProperty().get(), pathOrNull(primeFile.get()));
        GenerateForm.Valid v = form.check(new GenerateForm.Input(seconds.get(), candidates.get(), seed.get(),
                values(temperature), topK.get(), topP.get(), values(hop), primeFile.get(), primeSeconds.get(),
                primeShown ? loaded.durationSeconds() : 0));
        errors.forEach((field, message) -> message.set(form.errors().getOrDefault(field, "")));
        ModelSet set = models.currentSetProperty().get();
        if (set == null) {
            generalError.set(models.missingModels().orElse("Choose the models on the Models screen"));
        }
        if (v == null || set == null) {
            return Optional.empty();
        }
        Path dir;
        try {
            dir = workspace.newJobFolder(v.settings().seed());
        } catch (IOException e) {
            generalError.set("Cannot create a job folder in " + workspace.jobs() + ": " + e.getMessage());
            return Optional.empty();
        }
        JobRequest request = new JobRequest(set, v.prime() == null ? GenerationMode.SCRATCH : GenerationMode.PRIMED,
                v.seconds(), v.candidates(), v.settings(), upsampleAll.get(), v.prime(), v.primeSeconds(), null, 0);
        String title = String.format(Locale.ROOT, "Generate %s s × %d, seed %d%s", seconds.get().trim(), v.candidates(),
                v.settings().seed(), v.prime() == null ? "" : ", primed");
        QueuedJob job = queue.submit(title, dir, (cancel, listener) -> {
            try {
                JobCreator.create(request, dir, listener);
            } catch (IOException | RuntimeException e) {
                Workspace.discardIfEmpty(dir);
                throw e;
            }
            return JobRunner.run(dir, cancel, listener);
        });
        currentJob.set(job);
        return Optional.of(job);
    }

    /** Cancels the current job (finished windows are kept and it can be resumed from History). */
    public void cancel() {
        QueuedJob job = currentJob.get();
        if (job != null) {
            job.cancel();
        }
    }

    private static String[] values(StringProperty[] p) {
        return new String[] {p[0].get(), p[1].get(), p[2].get()};
    }

    private static Path pathOrNull(String text) {
        return text == null || text.isBlank() ? null : Path.of(text.trim());
    }
}
