package io.fastjukebox.app.models;

import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.generate.ModelSet;
import io.fastjukebox.engine.generate.PerLevel;
import io.fastjukebox.engine.prior.PriorFit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Models screen: the model library, the VQ-VAE and one prior per level chosen from the
 * compatible ones (the current model set, which the Generate screen uses) and saved model sets. Scans, reads and writes run on the background executor; results
 * arrive through the UI executor.
 */
public final class ModelsViewModel {
    private static final String SET_SUFFIX = ".json";

    private final Workspace workspace;
    private final Executor background;
    private final Executor ui;
    private final ModelLibrary library = new ModelLibrary();

    private final ObservableList<ModelEntry> entries = FXCollections.observableArrayList();
    private final List<ObservableList<ModelEntry>> options = List.of(FXCollections.observableArrayList(),
            FXCollections.observableArrayList(), FXCollections.observableArrayList());
    private final ObservableList<ModelEntry> vqvaes = FXCollections.observableArrayList();
    private final ObjectProperty<ModelEntry> vqvae = new SimpleObjectProperty<>(this, "vqvae");
    private final List<ObjectProperty<ModelEntry>> priors = List.of(new SimpleObjectProperty<>(this, "bottom"),
            new SimpleObjectProperty<>(this, "middle"), new SimpleObjectProperty<>(this, "top"));
    private final ReadOnlyObjectWrapper<ModelSet> currentSet = new ReadOnlyObjectWrapper<>(this, "currentSet");
    private final ObservableList<Path> savedSets = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanning");

    public ModelsViewModel(Workspace workspace, Executor background, Executor ui) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        vqvae.addListener((o, was, now) -> refilter());
        priors.forEach(p -> p.addListener(o -> updateCurrentSet()));
    }

    /** Every VQ-VAE and prior found, VQ-VAEs first, then top, middle, bottom. */
    public ObservableList<ModelEntry> entries() { return entries; }
    public ObservableList<ModelEntry> vqvaeOptions() { return vqvaes; }
    /** The priors that fit {@code level} (2 = top) of the chosen VQ-VAE. */
    public ObservableList<ModelEntry> priorOptions(int level) { return options.get(level); }
    public ObjectProperty<ModelEntry> vqvaeProperty() { return vqvae; }
    public ObjectProperty<ModelEntry> priorProperty(int level) { return priors.get(level); }
    /** The chosen model set, or null until a VQ-VAE and all three priors are chosen. */
    public ReadOnlyObjectProperty<ModelSet> currentSetProperty() { return currentSet.getReadOnlyProperty(); }
    /** Saved model sets: the bundled ones, then the workspace's. */
    public ObservableList<Path> savedSets() { return savedSets; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty scanningProperty() { return scanning.getReadOnlyProperty(); }
    public Workspace workspace() { return workspace; }

    /** Rescans both model folders and the saved sets; keeps the current choice where it still exists. */
    public CompletableFuture<Void> scan() {
        scanning.set(true);
        return CompletableFuture.supplyAsync(() -> {
            try {
                workspace.createFolders();
            } catch (IOException e) {
                return new ModelLibrary.Scan(List.of(), List.of("cannot create the workspace: " + e.getMessage()));
            }
            return library.scan(workspace);
        }, background).thenCombineAsync(CompletableFuture.supplyAsync(this::findSets, background), (scan, sets) -> {
            applyScan(scan, sets);
            return (Void) null;
        }, ui);
    }

    private void applyScan(ModelLibrary.Scan scan, List<Path> sets) {
        scanning.set(false);
        ModelSet before = currentSet.get();
        entries.setAll(scan.entries());
        vqvaes.setAll(scan.entries().stream().filter(ModelEntry::isVqVae).toList());
        savedSets.setAll(sets);
        long priorsFound = scan.entries().stream().filter(e -> !e.isVqVae()).count();
        String bundled = Files.isDirectory(workspace.bundledModels()) ? "bundled " + workspace.bundledModels()
                : "no bundled models folder (" + workspace.bundledModels() + ")";
        status.set(String.format(Locale.ROOT, "%d VQ-VAE(s) and %d prior(s) · %s · workspace %s%s", vqvaes.size(),
                priorsFound, bundled, workspace.models(),
                scan.problems().isEmpty() ? "" : "; unreadable: " + String.join("; ", scan.problems())));
        if (before != null) {
            select(before);
        } else {
            Path defaultSet = workspace.bundledModels().resolve("default" + SET_SUFFIX);
            if (!Files.isRegularFile(defaultSet) || loadSetNow(defaultSet) == null) {
                vqvae.set(null); // re-picks below
                vqvae.set(vqvaes.isEmpty() ? null : vqvaes.get(0));
            }
        }
    }

    private void refilter() {
        ModelEntry vq = vqvae.get();
        for (int level = 0; level < 3; level++) {
            int l = level;
            List<ModelEntry> fit = vq == null ? List.of() : entries.stream().filter(e -> fits(e, vq, l)).toList();
            options.get(level).setAll(fit);
            ObjectProperty<ModelEntry> chosen = priors.get(level);
            if (chosen.get() == null || !fit.contains(chosen.get())) {
                chosen.set(fit.isEmpty() ? null : fit.get(0));
            }
        }
        updateCurrentSet();
    }

    static boolean fits(ModelEntry e, ModelEntry vq, int level) {
        if (e.isVqVae()) {
            return false;
        }
        try {
            PriorFit.check(e.prior(), vq.vqvae(), level);
            return true;
        } catch (IllegalArgumentException mismatch) {
            return false;
        }
    }

    private void updateCurrentSet() {
        ModelEntry vq = vqvae.get();
        if (vq == null || priors.stream().anyMatch(p -> p.get() == null)) {
            currentSet.set(null);
            return;
        }
        ModelSet before = currentSet.get();
        // a saved set keeps its name until a model is changed, and its temperature recommendation (measured for
        // its model family, whose codes are the VQ-VAE's) while the VQ-VAE stays
        boolean sameFamily = before != null && before.vqvae().equals(vq.file().toString());
        ModelSet now = new ModelSet(null, vq.file().toString(), priors.get(2).get().file().toString(),
                priors.get(1).get().file().toString(), priors.get(0).get().file().toString(),
                sameFamily ? before.temperature() : null);
        currentSet.set(now.sameModels(before) ? before : now);
    }

    /** The chosen set, or a message saying what is missing. */
    public Optional<String> missingModels() {
        if (vqvae.get() == null) {
            return Optional.of(entries.isEmpty() ? "No models found: add .fjb bundles to " + workspace.models()
                    + " (Models screen: Import…)" : "Choose a VQ-VAE on the Models screen");
        }
        for (int level = 2; level >= 0; level--) {
            if (priors.get(level).get() == null) {
                return Optional.of("No " + PerLevel.name(level)
                        + " prior fits the chosen VQ-VAE: add one on the Models screen");
            }
        }
        return Optional.empty();
    }

    /** Saves the current set as {@code model-sets/NAME.json} in the workspace. */
    public CompletableFuture<Path> saveSet(String name) {
        error.set("");
        String trimmed = name == null ? "" : name.trim();
        if (!trimmed.matches("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")) {
            error.set("Name the set with letters, digits, spaces, '.', '_' or '-' (at most 64)");
            return CompletableFuture.failedFuture(new IllegalArgumentException(error.get()));
        }
        ModelSet set = currentSet.get();
        if (set == null) {
            error.set(missingModels().orElse("Choose the models first"));
            return CompletableFuture.failedFuture(new IllegalStateException(error.get()));
        }
        ModelSet named = set.named(trimmed);
        Path file = workspace.modelSets().resolve(trimmed.replace(' ', '-') + SET_SUFFIX);
        return CompletableFuture.supplyAsync(() -> {
            try {
                Files.createDirectories(file.getParent());
                named.write(file);
                return file;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, background).whenCompleteAsync((saved, e) -> {
            if (e != null) {
                error.set("Cannot save the set: " + rootMessage(e));
            } else {
                currentSet.set(named);
                if (!savedSets.contains(saved)) {
                    savedSets.add(saved);
                }
                status.set("Saved model set " + saved);
            }
        }, ui);
    }

    /** Chooses the models of a saved set (they must be in the library). */
    public void loadSet(Path file) {
        error.set("");
        loadSetNow(file);
    }

    private ModelSet loadSetNow(Path file) {
        try {
            ModelSet set = ModelSet.read(file);
            if (select(set)) {
                currentSet.set(set);
                status.set("Loaded model set " + (set.name() == null ? file.getFileName() : set.name()));
                return set;
            }
        } catch (IOException e) {
            error.set(e.getMessage());
        }
        return null;
    }

    private boolean select(ModelSet set) {
        Optional<ModelEntry> vq = find(set.vqvae());
        List<Optional<ModelEntry>> p = List.of(find(set.bottom()), find(set.middle()), find(set.top()));
        List<String> missing = new ArrayList<>();
        if (vq.isEmpty()) {
            missing.add(set.vqvae());
        }
        for (int level = 0; level < 3; level++) {
            if (p.get(level).isEmpty()) {
                missing.add(set.prior(level));
            }
        }
        if (!missing.isEmpty()) {
            error.set("Model set " + (set.name() == null ? "" : "'" + set.name() + "' ") + "names models not in the library: "
                    + String.join(", ", missing));
            return false;
        }
        vqvae.set(vq.get());
        for (int level = 0; level < 3; level++) {
            if (options.get(level).contains(p.get(level).get())) {
                priors.get(level).set(p.get(level).get());
            }
        }
        return true;
    }

    private Optional<ModelEntry> find(String path) {
        Path p = Path.of(path).toAbsolutePath().normalize();
        return entries.stream().filter(e -> e.file().equals(p)).findFirst();
    }

    /** Copies a bundle into the workspace's models folder (never over an existing file) and rescans. */
    public CompletableFuture<Void> importModel(Path bundle) {
        error.set("");
        Path target = workspace.models().resolve(bundle.getFileName().toString());
        return CompletableFuture.runAsync(() -> {
            try {
                library.read(bundle, false); // refuses anything that is not a bundle, before copying
                Files.createDirectories(target.getParent());
                Files.copy(bundle, target, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new java.io.UncheckedIOException(new IOException(target + " already exists; rename the file first"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, background).handleAsync((v, e) -> {
            if (e != null) {
                error.set("Cannot import: " + rootMessage(e));
            }
            return (Void) null;
        }, ui).thenCompose(v -> error.get().isEmpty() ? scan() : CompletableFuture.completedFuture(null));
    }

    private List<Path> findSets() {
        return ModelLibrary.filesEndingIn(List.of(workspace.bundledModels(), workspace.modelSets()), SET_SUFFIX);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.io.UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
