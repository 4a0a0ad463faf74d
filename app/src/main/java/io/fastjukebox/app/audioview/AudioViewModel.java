package io.fastjukebox.app.audioview;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.AudioFileInfo;
import io.fastjukebox.engine.audio.AudioReader;
import io.fastjukebox.engine.audio.DbScale;
import io.fastjukebox.engine.audio.DecodedAudio;
import io.fastjukebox.engine.audio.MelFilterBank;
import io.fastjukebox.engine.audio.MelParams;
import io.fastjukebox.engine.audio.MelSpectrogram;
import io.fastjukebox.engine.audio.WaveformSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Loads one audio file through the engine and publishes what the audio view shows.
 *
 * <p>Decoding and analysis run on the engine executor; results are applied through
 * {@code uiThread} ({@code Platform::runLater} in the studio, {@code Runnable::run} in tests).
 * Call {@link #load} and read the properties on the UI thread. Failures never throw there: they
 * become {@link #errorMessageProperty()}.
 */
public final class AudioViewModel {
    /**
     * The fixed dB range every spectrogram is drawn with, so colours compare across clips: 0 dB is
     * the loudest band of a full-scale 1 kHz sine, and the colour map spans [-MEL_DB_RANGE, 0].
     */
    public static final double MEL_DB_RANGE = 80;
    /** Longer spectrograms are max-pooled in time to this many frames (10 minutes at 44.1 kHz fit). */
    static final int MAX_MEL_COLUMNS = 65536;
    private static final double REFERENCE_HZ = 1000;
    private static final double[] HZ_TICKS = {100, 250, 500, 1000, 2000, 4000, 8000, 16000};

    private final Executor engine;
    private final Consumer<Runnable> uiThread;
    private long generation; // the newest load; older results are dropped

    // Properties
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyStringWrapper fileName = new ReadOnlyStringWrapper(this, "fileName", "");
    private final ReadOnlyStringWrapper infoText = new ReadOnlyStringWrapper(this, "infoText", "No file loaded");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper(this, "errorMessage", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyObjectWrapper<Loaded> loaded = new ReadOnlyObjectWrapper<>(this, "loaded");
    private final ReadOnlyObjectWrapper<AudioClip> clip = new ReadOnlyObjectWrapper<>(this, "clip");
    private final ReadOnlyObjectWrapper<WaveformSummary> waveform = new ReadOnlyObjectWrapper<>(this, "waveform");

    /**
     * Everything one load produces, published at once so views never see a mix of two files.
     *
     * @param mel the mel spectrogram in dB re a full-scale sine, with its zoom pyramid
     */
    public record Loaded(String fileName, String infoText, double durationSeconds, AudioClip clip,
            WaveformSummary waveform, MelPyramid mel, List<FrequencyTick> frequencyTicks, String melCaption) {
        /** Samples per second of {@code clip} (and of the waveform summary). */
        public int sampleRate() {
            return clip.sampleRate();
        }
    }

    public AudioViewModel(Executor engine, Consumer<Runnable> uiThread) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.uiThread = Objects.requireNonNull(uiThread, "uiThread");
    }

    public ReadOnlyObjectProperty<Path> fileProperty() { return file.getReadOnlyProperty(); }
    public ReadOnlyStringProperty fileNameProperty() { return fileName.getReadOnlyProperty(); }
    public ReadOnlyStringProperty infoTextProperty() { return infoText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorMessageProperty() { return errorMessage.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
    /** The current file's results, or {@code null} before a successful load or after a failed one. */
    public ReadOnlyObjectProperty<Loaded> loadedProperty() { return loaded.getReadOnlyProperty(); }
    /** The mono mix-down at the file's own rate. */
    public ReadOnlyObjectProperty<AudioClip> clipProperty() { return clip.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<WaveformSummary> waveformProperty() { return waveform.getReadOnlyProperty(); }

    /** The directory of the current file, if it still exists: where an "open" dialog should start. */
    public Optional<Path> currentDirectory() {
        Path current = file.get();
        Path dir = current == null ? null : current.toAbsolutePath().getParent();
        return dir != null && Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    // Commands

    /**
     * Starts loading {@code path}, replacing the current file when done. The future completes on the
     * UI thread once the properties are updated; exceptionally (with the readable message) on failure,
     * or with a {@link CancellationException} if a later load superseded this one.
     */
    public CompletableFuture<Void> load(Path path) {
        return load(path, displayName(path));
    }

    /** As {@link #load(Path)}, showing the clip as {@code name} (e.g. "job 5 · candidate 2 · top"). */
    public CompletableFuture<Void> load(Path path, String name) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        long ticket = ++generation;
        CompletableFuture<Void> done = new CompletableFuture<>();
        loading.set(true);
        errorMessage.set("");
        infoText.set("Loading " + displayName(path) + "…");
        try {
            engine.execute(() -> {
                try {
                    Loaded result = analyse(path, name);
                    uiThread.accept(() -> finish(ticket, path, name, result, null, done));
                } catch (Exception | OutOfMemoryError e) {
                    String message = LoadFailureMessage.of(path, e);
                    uiThread.accept(() -> finish(ticket, path, name, null, new IOException(message, e), done));
                }
            });
        } catch (RejectedExecutionException e) {
            String message = "Cannot open " + displayName(path) + ": the studio is shutting down";
            finish(ticket, path, name, null, new IOException(message, e), done);
        }
        return done;
    }

    private void finish(long ticket, Path path, String name, Loaded result, IOException failure,
            CompletableFuture<Void> done) {
        if (ticket != generation) {
            done.completeExceptionally(new CancellationException(path + ": superseded by a later load"));
            return;
        }
        loading.set(false);
        file.set(path);
        fileName.set(name);
        clip.set(result == null ? null : result.clip());
        waveform.set(result == null ? null : result.waveform());
        loaded.set(result);
        if (result == null) {
            infoText.set("");
            errorMessage.set(failure.getMessage());
            done.completeExceptionally(failure);
        } else {
            infoText.set(result.infoText());
            done.complete(null);
        }
    }

    // Engine work (runs on the engine executor)

    private static Loaded analyse(Path path, String name) throws IOException {
        DecodedAudio decoded = AudioReader.read(path);
        AudioClip mono = decoded.toMono();
        WaveformSummary summary = WaveformSummary.of(mono.samples());
        MelParams params = MelParams.librosaDefaults(mono.sampleRate());
        MelSpectrogram mel = MelSpectrogram.of(mono, params);
        double[][] db = mel.toDb(new DbScale(DbScale.Reference.FIXED, fullScaleSinePower(params), 1e-10,
                Double.POSITIVE_INFINITY));
        int pool = Math.max(1, (mel.frames() + MAX_MEL_COLUMNS - 1) / MAX_MEL_COLUMNS);
        String caption = String.format(Locale.ROOT, "Mel · %d bands · %.0f–%.0f Hz · 0 dB = full-scale sine · %.0f dB range",
                params.nMels(), params.fMin(), params.fMax(), MEL_DB_RANGE);
        return new Loaded(name, describe(decoded), mono.durationSeconds(), mono, summary,
                new MelPyramid(maxPoolColumns(db, pool), mel.secondsPerFrame() * pool), frequencyTicks(params), caption);
    }

    /** The largest mel power of a full-scale sine (1 kHz, or lower for low rates): the fixed 0 dB. */
    static double fullScaleSinePower(MelParams params) {
        double hz = Math.min(REFERENCE_HZ, params.fMax() / 2);
        float[] sine = new float[params.nFft() * 4];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = (float) Math.sin(2 * Math.PI * hz * i / params.sampleRate());
        }
        double max = 0;
        for (double[] band : MelSpectrogram.of(sine, params).power()) {
            for (double v : band) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    static String describe(DecodedAudio decoded) {
        AudioFileInfo info = decoded.info();
        double peak = 0;
        double sumSquares = 0;
        long count = 0;
        for (float[] channel : decoded.channels()) {
            for (float s : channel) {
                peak = Math.max(peak, Math.abs(s));
                sumSquares += (double) s * s;
            }
            count += channel.length;
        }
        double rms = count == 0 ? 0 : Math.sqrt(sumSquares / count);
        String channels = switch (info.channels()) {
            case 1 -> "mono";
            case 2 -> "stereo";
            default -> info.channels() + " channels";
        };
        return String.format(Locale.ROOT, "%s  ·  %d Hz  ·  %s  ·  %.2f s  ·  peak %s  ·  RMS %s",
                info.formatDescription(), info.sampleRate(), channels, info.durationSeconds(), dbfs(peak), dbfs(rms));
    }

    private static String dbfs(double amplitude) {
        double db = AudioClip.toDbfs(amplitude);
        return Double.isFinite(db) ? String.format(Locale.ROOT, "%.1f dBFS", db) : "-inf dBFS";
    }

    /** Labels at round frequencies, placed at the centre of the band row that the frequency falls in. */
    private static List<FrequencyTick> frequencyTicks(MelParams p) {
        double lo = MelFilterBank.hzToMel(p.fMin());
        double hi = MelFilterBank.hzToMel(p.fMax());
        List<FrequencyTick> ticks = new ArrayList<>();
        for (double hz : HZ_TICKS) {
            // band m is centred on mel lo + (m + 1) (hi - lo) / (nMels + 1); its row's centre is (m + 0.5) / nMels
            double band = (MelFilterBank.hzToMel(hz) - lo) / (hi - lo) * (p.nMels() + 1) - 1;
            double fraction = (band + 0.5) / p.nMels();
            if (fraction > 0.02 && fraction < 0.98) {
                String label = hz < 1000 ? String.format(Locale.ROOT, "%.0f Hz", hz)
                        : String.format(Locale.ROOT, "%.0f kHz", hz / 1000);
                ticks.add(new FrequencyTick(fraction, label));
            }
        }
        return List.copyOf(ticks);
    }

    private static double[][] maxPoolColumns(double[][] db, int pool) {
        if (pool == 1 || db.length == 0) {
            return db;
        }
        int frames = db[0].length;
        int columns = (frames + pool - 1) / pool;
        double[][] out = new double[db.length][columns];
        for (int m = 0; m < db.length; m++) {
            for (int c = 0; c < columns; c++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int t = c * pool; t < Math.min(frames, (c + 1) * pool); t++) {
                    max = Math.max(max, db[m][t]);
                }
                out[m][c] = max;
            }
        }
        return out;
    }

    static String displayName(Path path) {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }
}
