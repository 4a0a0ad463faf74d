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
    /** Dynamic range of {@link #melDbProperty()}: values lie in [-MEL_DB_RANGE, 0] dB re the loudest cell. */
    public static final double MEL_DB_RANGE = 80;
    /** Wider spectrograms are max-pooled in time to this many columns (a texture-size limit). */
    static final int MAX_MEL_COLUMNS = 8192;
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
    private final ReadOnlyObjectWrapper<double[][]> melDb = new ReadOnlyObjectWrapper<>(this, "melDb");

    /**
     * Everything one load produces, published at once so views never see a mix of two files.
     *
     * @param melSecondsPerFrame seconds between the columns of {@code melDb}
     */
    public record Loaded(String fileName, String infoText, double durationSeconds, AudioClip clip,
            WaveformSummary waveform, double[][] melDb, double melSecondsPerFrame, List<FrequencyTick> frequencyTicks,
            String melCaption) {}

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
    /** Mel spectrogram in dB, {@code [mel][column]}, row 0 the lowest band. */
    public ReadOnlyObjectProperty<double[][]> melDbProperty() { return melDb.getReadOnlyProperty(); }

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
        Objects.requireNonNull(path, "path");
        long ticket = ++generation;
        CompletableFuture<Void> done = new CompletableFuture<>();
        loading.set(true);
        errorMessage.set("");
        infoText.set("Loading " + displayName(path) + "…");
        try {
            engine.execute(() -> {
                try {
                    Loaded result = analyse(path);
                    uiThread.accept(() -> finish(ticket, path, result, null, done));
                } catch (Exception | OutOfMemoryError e) {
                    String message = LoadFailureMessage.of(path, e);
                    uiThread.accept(() -> finish(ticket, path, null, new IOException(message, e), done));
                }
            });
        } catch (RejectedExecutionException e) {
            String message = "Cannot open " + displayName(path) + ": the studio is shutting down";
            finish(ticket, path, null, new IOException(message, e), done);
        }
        return done;
    }

    private void finish(long ticket, Path path, Loaded result, IOException failure, CompletableFuture<Void> done) {
        if (ticket != generation) {
            done.completeExceptionally(new CancellationException(path + ": superseded by a later load"));
            return;
        }
        loading.set(false);
        file.set(path);
        fileName.set(displayName(path));
        clip.set(result == null ? null : result.clip());
        waveform.set(result == null ? null : result.waveform());
        melDb.set(result == null ? null : result.melDb());
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

    private static Loaded analyse(Path path) throws IOException {
        DecodedAudio decoded = AudioReader.read(path);
        AudioClip mono = decoded.toMono();
        WaveformSummary summary = WaveformSummary.of(mono.samples());
        MelParams params = MelParams.librosaDefaults(mono.sampleRate());
        MelSpectrogram mel = MelSpectrogram.of(mono, params);
        double[][] db = mel.toDb(DbScale.relativeToMax(MEL_DB_RANGE));
        int pool = Math.max(1, (mel.frames() + MAX_MEL_COLUMNS - 1) / MAX_MEL_COLUMNS);
        String caption = String.format(Locale.ROOT, "Mel spectrogram · %d bands · %.0f–%.0f Hz · %.0f dB range",
                params.nMels(), params.fMin(), params.fMax(), MEL_DB_RANGE);
        return new Loaded(displayName(path), describe(decoded), mono.durationSeconds(), mono, summary,
                maxPoolColumns(db, pool), mel.secondsPerFrame() * pool, frequencyTicks(params), caption);
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
