package io.fastjukebox.app.compare;

import io.fastjukebox.app.audioview.AudioViewModel;
import io.fastjukebox.app.audioview.TimeAxis;
import io.fastjukebox.app.export.ClipExporter;
import io.fastjukebox.app.export.JobMetadata;
import io.fastjukebox.app.playback.PlaybackViewModel;
import io.fastjukebox.engine.render.ColorMap;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Compare screen: any number of clips stacked on one {@link TimeAxis} (linked zoom and scroll),
 * one playhead (the player's), one colour map and the fixed dB scale for every spectrogram, and
 * one soloed clip, which is the one that plays. Decoding and analysis run on the background
 * executor; use it on the UI thread.
 */
public final class CompareViewModel {
    private final Executor background;
    private final Consumer<Runnable> ui;
    private final PlaybackViewModel playback;
    private final TimeAxis axis = new TimeAxis();
    private final ObservableList<AudioViewModel> clips = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<AudioViewModel> soloed = new ReadOnlyObjectWrapper<>(this, "soloed");
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.MAGMA);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public CompareViewModel(Executor background, Consumer<Runnable> ui, PlaybackViewModel playback) {
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.playback = Objects.requireNonNull(playback, "playback");
        axis.playheadProperty().bind(playback.positionProperty());
    }

    public TimeAxis axis() { return axis; }
    /** The clips, top to bottom. */
    public ObservableList<AudioViewModel> clips() { return clips; }
    /** The clip that plays (Sonic Visualiser's "solo the current pane"). */
    public ReadOnlyObjectProperty<AudioViewModel> soloedProperty() { return soloed.getReadOnlyProperty(); }
    public ObjectProperty<ColorMap> colorMapProperty() { return colorMap; }
    /** The outcome of the last export, or its error. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** Adds a clip below the others; it is soloed if it is the first. Completes when it is analysed. */
    public CompletableFuture<Void> add(Path file) {
        AudioViewModel clip = new AudioViewModel(background, ui);
        clips.add(clip);
        return clip.load(file, JobMetadata.displayName(file)).whenComplete((v, e) -> {
            updateDuration();
            if (e == null && soloed.get() == null) {
                solo(clip, playback.positionProperty().get());
            }
        });
    }

    /** Removes every clip, then adds {@code files}. */
    public CompletableFuture<Void> show(java.util.List<Path> files) {
        clear();
        return CompletableFuture.allOf(files.stream().map(this::add).toArray(CompletableFuture[]::new));
    }

    public void remove(AudioViewModel clip) {
        clips.remove(clip);
        if (soloed.get() == clip) {
            soloed.set(null);
            clips.stream().filter(c -> c.loadedProperty().get() != null).findFirst()
                    .ifPresent(c -> solo(c, playback.positionProperty().get()));
        }
        updateDuration();
    }

    public void clear() {
        clips.clear();
        soloed.set(null);
        updateDuration();
    }

    /** Solos {@code clip} (it is cued in the player) and moves the playhead to {@code atSeconds}. */
    public void solo(AudioViewModel clip, double atSeconds) {
        AudioViewModel.Loaded loaded = clip.loadedProperty().get();
        if (loaded == null) {
            return; // still loading, or failed: nothing to play
        }
        soloed.set(clip);
        playback.cue(loaded.fileName(), loaded.clip());
        playback.seek(atSeconds);
    }

    /** Writes the soloed clip to {@code target} (WAV or FLAC by extension) with its job's metadata. */
    public CompletableFuture<Void> exportSoloed(Path target) {
        AudioViewModel clip = soloed.get();
        if (clip == null || clip.loadedProperty().get() == null) {
            message.set("Click a clip to solo it, then export");
            return CompletableFuture.failedFuture(new IllegalStateException(message.get()));
        }
        return ClipExporter.exportInBackground(clip.loadedProperty().get().clip(), clip.fileProperty().get(), target,
                background).thenAccept(outcome -> ui.accept(() -> message.set(outcome)));
    }

    private void updateDuration() {
        double longest = 0;
        for (AudioViewModel c : clips) {
            AudioViewModel.Loaded l = c.loadedProperty().get();
            if (l != null) {
                longest = Math.max(longest, l.durationSeconds());
            }
        }
        axis.setDuration(longest);
    }
}
