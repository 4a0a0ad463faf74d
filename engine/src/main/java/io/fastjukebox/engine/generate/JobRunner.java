package io.fastjukebox.engine.generate;

import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.sampling.WindowSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

/**
 * Runs (or resumes) a job: levels top-down, each candidate's level window by window (Jukebox's
 * schedule), saving the codes and {@code job.json} after every window and decoding each finished
 * level to WAV. A window's random draws depend only on (seed, level, window start, candidate), so
 * resuming after a cancel or a kill gives exactly the codes of an uninterrupted run.
 */
public final class JobRunner {
    private static final int TOP = 2;
    private final JobFolder folder;
    private final GenerationModels models;
    private final CancellationToken cancel;
    private final GenerationListener listener;
    private final Map<Integer, int[][]> codes = new LinkedHashMap<>();
    private JobRecord record;
    private long runTokens;
    private long runStart;

    private JobRunner(JobFolder folder, JobRecord record, GenerationModels models, CancellationToken cancel,
            GenerationListener listener) {
        this.folder = folder;
        this.record = record;
        this.models = models;
        this.cancel = cancel;
        this.listener = listener;
    }

    /**
     * Runs the job in {@code dir} to the end, or until cancelled (the record then says CANCELLED and
     * every finished window is kept). Errors are recorded in job.json and rethrown.
     */
    public static JobRecord run(Path dir, CancellationToken cancel, GenerationListener listener) throws IOException {
        JobFolder folder = new JobFolder(dir);
        JobRecord record = folder.readRecord();
        try (GenerationModels models = GenerationModels.reopen(record.models())) {
            JobRunner runner = new JobRunner(folder, record, models, cancel, listener);
            return runner.runAll();
        }
    }

    private JobRecord runAll() throws IOException {
        for (int c = 1; c <= record.candidates(); c++) {
            codes.put(c, folder.readCodes(record, c));
        }
        save(record.withStatus(JobStatus.RUNNING, null));
        try {
            for (int level = TOP; level >= 0; level--) {
                runLevel(level);
                models.release(level);
            }
            save(record.withStatus(JobStatus.FINISHED, null));
        } catch (CancellationException e) {
            save(record.withStatus(JobStatus.CANCELLED, null));
            listener.onMessage("cancelled; finished windows are saved in " + folder.root());
        } catch (IOException | RuntimeException e) {
            save(record.withStatus(JobStatus.FAILED, String.valueOf(e.getMessage())));
            throw e;
        }
        return record;
    }

    private void runLevel(int level) throws IOException {
        int total = record.tokens(level);
        TreeMap<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int c : record.candidatesAt(level)) {
            if (level < TOP && codes.get(c)[level + 1].length != record.tokens(level + 1)) {
                throw new IllegalStateException("candidate " + c + " has no finished " + PerLevel.name(level + 1) + " level");
            }
            if (codes.get(c)[level].length < total) {
                byLength.computeIfAbsent(codes.get(c)[level].length, k -> new ArrayList<>()).add(c);
            }
        }
        runTokens = 0;
        runStart = System.nanoTime();
        int batch = record.settings().maxBatchSize();
        for (List<Integer> group : byLength.values()) {
            for (int i = 0; i < group.size(); i += batch) {
                sampleCandidates(level, group.subList(i, Math.min(group.size(), i + batch)));
            }
        }
        for (int c : record.candidatesAt(level)) {
            Path wav = folder.wavFile(c, level);
            if (!Files.exists(wav)) {
                float[] audio = models.vqvae().decode(codes.get(c)[level], level);
                WavWriter.write(wav, new float[][] {audio}, record.sampleRate(), WavWriter.Encoding.PCM_16);
                listener.onLevelFinished(level, c, wav);
            }
        }
    }

    /** Samples the remaining windows of one level for candidates that share their progress. */
    private void sampleCandidates(int level, List<Integer> chunk) throws IOException {
        Prior prior = models.prior(level);
        int align = level == TOP ? 1 : prior.config().conditioner().upsampling();
        int existing = codes.get(chunk.get(0))[level].length;
        List<WindowSchedule.Window> windows = WindowSchedule.plan(record.tokens(level), existing, prior.config().nCtx(),
                record.settings().hopFraction().get(level), align);
        int n = chunk.size();
        for (int wi = 0; wi < windows.size(); wi++) {
            WindowSchedule.Window w = windows.get(wi);
            int[][] prime = new int[n][];
            int[][] upper = level == TOP ? null : new int[n][];
            long[] streams = new long[n];
            for (int i = 0; i < n; i++) {
                int[][] cc = codes.get(chunk.get(i));
                prime[i] = Arrays.copyOfRange(cc[level], w.start(), w.start() + w.known());
                if (upper != null) {
                    upper[i] = Arrays.copyOfRange(cc[level + 1], w.start() / align, w.end() / align);
                }
                streams[i] = record.settings().stream(level, w.start(), chunk.get(i));
            }
            long t0 = System.nanoTime();
            int window = wi + 1;
            int[][] out = WindowSampler.sample(prior, prime, w.length(), upper, record.settings().sampling(level), streams,
                    record.settings().chunkSize(), cancel,
                    (done, toSample) -> progress(level, chunk, window, windows.size(), (long) done * n));
            for (int i = 0; i < n; i++) {
                int[][] cc = codes.get(chunk.get(i));
                int[] grown = Arrays.copyOf(cc[level], w.end());
                System.arraycopy(out[i], w.known(), grown, w.start() + w.known(), w.fresh());
                cc[level] = grown;
                folder.writeCodes(record, chunk.get(i), cc);
            }
            runTokens += (long) w.fresh() * n;
            save(record.withTime(level, (System.nanoTime() - t0) / 1e9, (long) w.fresh() * n));
            listener.onWindowSaved(level, List.copyOf(chunk), window, windows.size());
        }
    }

    private void progress(int level, List<Integer> chunk, int window, int windows, long inWindow) {
        long done = inWindow;
        long total = 0;
        for (int c : record.candidatesAt(level)) {
            done += codes.get(c)[level].length;
            total += record.tokens(level);
        }
        double elapsed = (System.nanoTime() - runStart) / 1e9;
        double rate = elapsed > 0 ? (runTokens + inWindow) / elapsed : 0;
        long remaining = total - done;
        for (int l = level - 1; l >= 0; l--) {
            for (int c : record.candidatesAt(l)) {
                remaining += record.tokens(l) - codes.get(c)[l].length;
            }
        }
        double eta = rate > 0 ? remaining / rate : Double.NaN;
        listener.onProgress(new GenerationListener.Progress(level, List.copyOf(chunk), window, windows, done, total, rate, eta));
    }

    private void save(JobRecord r) throws IOException {
        record = r;
        folder.writeRecord(r);
    }
}
