package io.fastjukebox.app.distill;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.distill.DistillParams;
import io.fastjukebox.engine.distill.DistillRun;
import io.fastjukebox.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the studio asked a distillation run to do, kept next to the student as
 * {@code STUDENT.run.json}: the checkpoint ({@code STUDENT.train}) keeps the settings but only the
 * names of the teacher and the data, so this record is what lets a stopped run be resumed later,
 * from the Distill screen or from History, in this session or the next.
 *
 * @param created ISO-8601 time the run was started
 * @param student the student bundle the run writes
 * @param teacher the teacher bundle
 * @param data the codes file or audio folder
 * @param vqvae the VQ-VAE that encodes an audio folder, or null
 * @param level the level the teacher models
 * @param layers student layers
 * @param width student width, or null for the teacher's
 * @param params the run's settings
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DistillRunRecord(String created, Path student, Path teacher, Path data, Path vqvae, int level, int layers,
        Integer width, DistillParams params) {
    private static final String SUFFIX = ".run.json";

    /** The record file of a student bundle. */
    static Path recordPath(Path student) {
        return student.resolveSibling(student.getFileName() + SUFFIX);
    }

    /** Whether {@code file} is a run record ({@code *.fjb.run.json}). */
    static boolean isRecord(Path file) {
        return file.getFileName().toString().endsWith(io.fastjukebox.engine.bundle.ModelBundle.EXTENSION + SUFFIX);
    }

    /** The checkpoint a stopped run resumes from. */
    public Path checkpoint() {
        return DistillRun.checkpointPath(student);
    }

    /** e.g. "top.fjb (36 layers) → 12 layers, full, 20+50 epochs, seed 0". */
    public String describe() {
        return String.format(Locale.ROOT, "%s → %d layers%s, %s, %d+%d epochs, seed %d", teacher.getFileName(), layers,
                width == null ? "" : " × " + width, params.mode().id(), params.phase1Epochs(), params.phase2Epochs(),
                params.seed());
    }

    /** Writes the record next to the student (atomically). */
    void write() throws IOException {
        Files.createDirectories(student.toAbsolutePath().getParent());
        AtomicFiles.write(recordPath(student), Json.mapper().writeValueAsBytes(this));
    }

    /** Reads a record file. */
    static DistillRunRecord read(Path file) throws IOException {
        try {
            return Json.mapper().readValue(file.toFile(), DistillRunRecord.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": unreadable distillation run record: " + e.getMessage(), e);
        }
    }
}
