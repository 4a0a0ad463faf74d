package io.fastjukebox.app.history;

import io.fastjukebox.app.export.JobMetadata;
import io.fastjukebox.engine.generate.JobFolder;
import io.fastjukebox.engine.generate.JobRecord;
import io.fastjukebox.engine.generate.ModelRef;
import io.fastjukebox.engine.generate.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One job folder of the workspace, as its record says, with its outputs on disk.
 *
 * @param dir the job folder
 * @param record the job record, or null if it could not be read
 * @param problem why the record could not be read, else null
 * @param outputs the decoded WAVs, per candidate the most detailed level first
 * @param interrupted the record says running but no job of this session runs it (the process died): resume it
 */
public record HistoryItem(Path dir, JobRecord record, String problem, List<Path> outputs, boolean interrupted) {

    /** Reads {@code dir}'s record and lists its outputs; never throws. */
    static HistoryItem read(Path dir, boolean active) {
        JobFolder folder = new JobFolder(dir);
        try {
            JobRecord r = folder.readRecord();
            List<Path> outputs = new ArrayList<>();
            for (int c = 1; c <= r.candidates(); c++) {
                for (int level = 0; level <= 2; level++) {
                    Path wav = folder.wavFile(c, level);
                    if (Files.isRegularFile(wav)) {
                        outputs.add(wav);
                    }
                }
            }
            boolean interrupted = !active && r.status() == JobStatus.RUNNING;
            return new HistoryItem(dir, r, null, List.copyOf(outputs), interrupted);
        } catch (Exception e) {
            return new HistoryItem(dir, null, e.getMessage(), List.of(), false);
        }
    }

    public String name() {
        return dir.getFileName().toString();
    }

    /** finished, cancelled, failed, running, interrupted, created, or unreadable. */
    public String status() {
        if (record == null) {
            return "unreadable";
        }
        return interrupted ? "interrupted" : record.status().name().toLowerCase(Locale.ROOT);
    }

    /** Whether the job can be run again to complete it (cancelled, failed or interrupted). */
    public boolean resumable() {
        return record != null && (interrupted || switch (record.status()) {
            case CANCELLED, FAILED, CREATED -> true;
            default -> false;
        });
    }

    /** e.g. "20.0 s × 3 · seed 42 · scratch". */
    public String settingsText() {
        if (record == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%.1f s × %d · seed %d · %s", record.seconds(), record.candidates(),
                record.settings().seed(), record.mode().name().toLowerCase(Locale.ROOT));
    }

    /** The prior file names, top to bottom. */
    public String modelsText() {
        if (record == null) {
            return "";
        }
        return record.models().stream().filter(m -> !m.role().equals("vqvae"))
                .map(m -> Path.of(m.path()).getFileName().toString()).collect(Collectors.joining(" / "));
    }

    /** Speed per level, e.g. "top 412 tok/s · middle 1200 tok/s". */
    public String timingsText() {
        if (record == null || record.timings().isEmpty()) {
            return "";
        }
        return record.timings().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f tok/s (%.0f s)",
                e.getKey(), e.getValue().tokensPerSecond(), e.getValue().seconds())).collect(Collectors.joining(" · "));
    }

    /** Everything about the job, for the details pane. */
    public String details() {
        if (record == null) {
            return dir + "\n\nThis job record cannot be read: " + problem;
        }
        JobRecord r = record;
        StringBuilder b = new StringBuilder();
        b.append(dir).append('\n').append("status: ").append(status()).append(", created ").append(r.created())
                .append(", updated ").append(r.updated()).append('\n');
        b.append(JobMetadata.comment(r)).append("\n\nmodels:\n");
        for (ModelRef m : r.models()) {
            b.append(String.format(Locale.ROOT, "  %-6s %s (%s%s, sha256 %s)%n", m.role(), m.path(),
                    m.source() == null ? "unknown source" : m.source(),
                    m.layers() > 0 ? ", " + m.layers() + " layers × " + m.width() : "", m.sha256()));
        }
        b.append("candidates upsampled: ").append(r.upsample().isEmpty() ? "none yet" : r.upsample()).append('\n');
        if (r.prime() != null) {
            b.append(String.format(Locale.ROOT, "prompt: %s (first %.2f s)%n", r.prime().file(), r.prime().seconds()));
        }
        if (r.parent() != null) {
            b.append("continues: ").append(r.parent().job()).append(", candidate ").append(r.parent().candidate()).append('\n');
        }
        b.append("timings: ").append(timingsText().isEmpty() ? "none yet" : timingsText()).append('\n');
        if (r.error() != null) {
            b.append("error: ").append(r.error()).append('\n');
        }
        b.append("outputs:\n");
        outputs.forEach(o -> b.append("  ").append(dir.relativize(o)).append('\n'));
        return b.toString();
    }

    /** Per candidate, its most detailed decoded level. */
    public List<Path> bestOutputs() {
        List<Path> best = new ArrayList<>();
        for (int c = 1; record != null && c <= record.candidates(); c++) {
            for (int level = 0; level <= 2; level++) {
                Path wav = new JobFolder(dir).wavFile(c, level);
                if (outputs.contains(wav)) {
                    best.add(wav);
                    break;
                }
            }
        }
        return best;
    }

    /** How many files, and the first few, for the table. */
    public String outputsText() {
        return outputs.size() + " file(s)" + (outputs.isEmpty() ? "" : ": " + outputs.stream()
                .map(p -> p.getParent().getFileName() + "/" + p.getFileName()).limit(4).collect(Collectors.joining(", "))
                + (outputs.size() > 4 ? ", …" : ""));
    }
}
