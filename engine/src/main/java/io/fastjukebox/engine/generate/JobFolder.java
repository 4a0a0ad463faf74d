package io.fastjukebox.engine.generate;

import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.io.AtomicFiles;
import io.fastjukebox.engine.vqvae.CodesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A job's folder: {@code job.json}, and per candidate {@code candidate-N/codes.npz} (every level's
 * codes so far, readable by {@code fastjukebox decode} and NumPy) and {@code candidate-N/top.wav},
 * {@code middle.wav}, {@code bottom.wav} once a level is finished. Every write is atomic.
 */
public final class JobFolder {
    /** The job record's file name. */
    public static final String JOB_FILE = "job.json";
    private final Path root;

    public JobFolder(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path jobFile() {
        return root.resolve(JOB_FILE);
    }

    /** Whether the folder holds a job. */
    public boolean exists() {
        return Files.isRegularFile(jobFile());
    }

    /** The folder of candidate {@code c} (1-based). */
    public Path candidateDir(int c) {
        return root.resolve("candidate-" + c);
    }

    public Path codesFile(int c) {
        return candidateDir(c).resolve("codes.npz");
    }

    /** The decoded audio of candidate {@code c} at {@code level}: top.wav, middle.wav or bottom.wav. */
    public Path wavFile(int c, int level) {
        return candidateDir(c).resolve(PerLevel.name(level) + ".wav");
    }

    /** Reads job.json; errors name the folder. */
    public JobRecord readRecord() throws IOException {
        if (!exists()) {
            throw new IOException(root + ": not a generation job folder (no " + JOB_FILE + ")");
        }
        JobRecord r;
        try {
            r = Json.mapper().readValue(jobFile().toFile(), JobRecord.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(jobFile() + ": unreadable job record: " + e.getMessage(), e);
        }
        if (r.schemaVersion() != JobRecord.SCHEMA_VERSION) {
            throw new IOException(jobFile() + ": job schema version " + r.schemaVersion() + " is not supported (this version reads "
                    + JobRecord.SCHEMA_VERSION + ")");
        }
        return r;
    }

    public void writeRecord(JobRecord record) throws IOException {
        Files.createDirectories(root);
        AtomicFiles.write(jobFile(), Json.mapper().writeValueAsBytes(record));
    }

    /** The codes of candidate {@code c} so far, {@code [level][t]}; empty levels when nothing is saved yet. */
    public int[][] readCodes(JobRecord record, int c) throws IOException {
        int levels = record.hopLengths().size();
        int[][] codes = new int[levels][0];
        Path file = codesFile(c);
        if (!Files.exists(file)) {
            return codes;
        }
        CodesFile f = CodesFile.read(file);
        if (f.levels().length != levels || f.sampleRate() != record.sampleRate()) {
            throw new IOException(file + ": does not match " + jobFile() + " (levels or sample rate differ)");
        }
        for (int l = 0; l < levels; l++) {
            if (f.levels()[l].length != 1 || f.levels()[l][0].length > record.tokens(l)) {
                throw new IOException(file + ": level " + l + " holds " + f.levels()[l].length + " rows / more codes than the "
                        + record.tokens(l) + " of the clip");
            }
            codes[l] = f.levels()[l][0];
        }
        return codes;
    }

    /** Saves candidate {@code c}'s codes {@code [level][t]} atomically. */
    public void writeCodes(JobRecord record, int c, int[][] codes) throws IOException {
        int[] hops = record.hopLengths().stream().mapToInt(Integer::intValue).toArray();
        int[][][] levels = new int[codes.length][][];
        for (int l = 0; l < codes.length; l++) {
            levels[l] = new int[][] {codes[l]};
        }
        Files.createDirectories(candidateDir(c));
        new CodesFile(record.sampleRate(), hops, levels).write(codesFile(c));
    }

    /**
     * Adds candidates (1-based) to those whose middle and bottom levels are sampled, checking they exist;
     * returns the updated record (written atomically). Run the job again to sample them.
     */
    public JobRecord chooseForUpsampling(java.util.List<Integer> chosen) throws IOException {
        JobRecord r = readRecord();
        for (int c : chosen) {
            if (c < 1 || c > r.candidates()) {
                throw new IllegalArgumentException("candidate " + c + " does not exist: " + root + " has candidates 1.."
                        + r.candidates());
            }
        }
        JobRecord updated = r.withUpsample(chosen);
        writeRecord(updated);
        return updated;
    }
}
