package io.fastjukebox.engine.generate;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.AudioReader;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.runtime.EngineRuntime;
import io.fastjukebox.engine.runtime.EngineVersion;
import io.fastjukebox.engine.vqvae.VqVaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Creates a job folder from a request: validates everything that can be wrong (models, lengths,
 * prime, parent job, free disk space) before any long work, encodes the prime, and writes the
 * initial codes and {@code job.json}. An existing folder with content is never touched.
 */
public final class JobCreator {
    private JobCreator() {}

    /** Creates the job in {@code out} (which must not exist, or be an empty folder). */
    public static JobRecord create(JobRequest request, Path out, GenerationListener listener) throws IOException {
        checkTarget(out);
        JobRecord parent = null;
        int[][] parentCodes = null;
        ModelSet set = request.models();
        if (request.mode() == GenerationMode.CONTINUE) {
            JobFolder pf = new JobFolder(request.parentJob());
            parent = pf.readRecord();
            if (request.parentCandidate() > parent.candidates()) {
                throw new IllegalArgumentException("--candidate " + request.parentCandidate() + ": " + request.parentJob()
                        + " has candidates 1.." + parent.candidates());
            }
            parentCodes = pf.readCodes(parent, request.parentCandidate());
            if (parentCodes[2].length == 0) {
                throw new IllegalArgumentException(request.parentJob() + ": candidate " + request.parentCandidate()
                        + " has no top-level codes yet; nothing to continue");
            }
            set = set != null ? set : ModelSet.of(parent.models());
        }
        try (GenerationModels models = GenerationModels.open(set)) {
            VqVaeConfig vq = models.vqvaeConfig();
            int hopTop = vq.hopLength(2);
            long added = wholeTopCodes(request.seconds(), vq);
            if (added < hopTop) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "duration %s s is shorter than one top-level code (%d samples at %d Hz)", request.seconds(), hopTop,
                        vq.sampleRate()));
            }
            List<Integer> hops = List.of(vq.hopLength(0), vq.hopLength(1), vq.hopLength(2));
            if (parent != null && (parent.sampleRate() != vq.sampleRate() || !parent.hopLengths().equals(hops))) {
                throw new IllegalArgumentException(request.parentJob() + " was made with another VQ-VAE (" + parent.sampleRate()
                        + " Hz, hops " + parent.hopLengths() + "); continue it with the same one");
            }
            long samples = added + (parent == null ? 0 : parent.samples());
            int[][] initial = new int[3][0];
            JobRecord.Prime prime = null;
            if (request.mode() == GenerationMode.PRIMED) {
                long keep = wholeTopCodes(request.primeSeconds(), vq);
                checkPrime(request, keep, samples, vq);
                AudioClip clip = AudioReader.readMono(request.prime(), vq.sampleRate());
                if (clip.frames() < keep) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "%s is only %.2f s long; --prime-seconds is %s",
                            request.prime(), clip.durationSeconds(), request.primeSeconds()));
                }
                listener.onMessage("encoding the first " + keep + " samples of " + request.prime() + " ("
                        + models.encoderInput().describe("the whole file") + ")");
                clip = models.encoderInput().prepare(clip); // the whole file's loudness, as for the training files
                int[][] codes = models.vqvae().encode(Arrays.copyOf(clip.samples(), (int) keep));
                for (int l = 0; l < 3; l++) {
                    initial[l] = Arrays.copyOf(codes[l], (int) (keep / hops.get(l)));
                }
                prime = new JobRecord.Prime(request.prime().toAbsolutePath().toString(), ModelBundle.sha256(request.prime()),
                        (double) keep / vq.sampleRate(), keep);
            } else if (parent != null) {
                initial = parentCodes;
            }
            checkDiskSpace(out, request.candidates(), samples, hops);
            List<Integer> upsample = new ArrayList<>();
            for (int c = 1; request.allLevels() && c <= request.candidates(); c++) {
                upsample.add(c);
            }
            String now = Instant.now().toString();
            JobRecord record = new JobRecord(JobRecord.SCHEMA_VERSION, now, now, JobStatus.CREATED, request.mode(),
                    models.refs(), request.settings(), vq.sampleRate(), hops, samples, request.candidates(), upsample, prime,
                    parent == null ? null : new JobRecord.Parent(request.parentJob().toAbsolutePath().toString(),
                            request.parentCandidate(), parent.samples()),
                    Map.of(), EngineVersion.get(), EngineRuntime.engine().defaultDevice().toString(), null);
            JobFolder folder = new JobFolder(out);
            for (int c = 1; c <= request.candidates(); c++) {
                folder.writeCodes(record, c, initial);
            }
            folder.writeRecord(record); // last: a folder is a job once job.json exists
            return record;
        }
    }

    /** Samples in {@code seconds}, rounded down to whole top-level codes (so every level's codes align). */
    private static long wholeTopCodes(double seconds, VqVaeConfig vq) {
        int hopTop = vq.hopLength(2);
        return (long) Math.floor(seconds * vq.sampleRate() / hopTop) * hopTop;
    }

    private static void checkPrime(JobRequest request, long keep, long samples, VqVaeConfig vq) throws IOException {
        if (keep == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--prime-seconds %s is shorter than one top-level code (%d samples)", request.primeSeconds(), vq.hopLength(2)));
        }
        if (keep >= samples) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the prime (%s s) must be shorter than the clip (%.2f s)", request.primeSeconds(),
                    (double) samples / vq.sampleRate()));
        }
        if (!Files.isRegularFile(request.prime()) || !Files.isReadable(request.prime())) {
            throw new IOException(request.prime() + ": prime audio file not found or not readable");
        }
    }

    /** The folder must be new or empty, so an existing job or anything else is never damaged. */
    static void checkTarget(Path out) throws IOException {
        if (Files.isRegularFile(out)) {
            throw new IOException(out + ": exists and is a file; choose a folder for the job");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(out + ": already exists and is not empty"
                            + (new JobFolder(out).exists() ? " (it is a job: use --resume to continue it)" : "")
                            + "; choose another folder");
                }
            }
        }
    }

    /** Refuses to start when the outputs (codes and WAVs of every level) would not fit on the disk. */
    static void checkDiskSpace(Path out, int candidates, long samples, List<Integer> hops) throws IOException {
        long perCandidate = 0;
        for (int hop : hops) {
            perCandidate += samples / hop * 4 + samples * 2 + 4096; // int32 codes, 16-bit WAV, headers
        }
        long need = candidates * perCandidate + (1 << 20);
        Path existing = out.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IOException(out + ": no existing parent folder");
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        if (free < need) {
            throw new IOException(String.format(Locale.ROOT, "%s: not enough disk space (%.1f MB free, the job needs about %.1f MB)",
                    existing, free / 1e6, need / 1e6));
        }
    }
}
