package io.fastjukebox.app.distill;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastjukebox.engine.bundle.BundleManifest;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.prior.PriorBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One distillation run of the workspace as its files say: its {@link DistillRunRecord} and how far
 * its checkpoint got (read from the checkpoint's manifest; no tensor is loaded).
 *
 * @param recordFile the {@code STUDENT.run.json}
 * @param record the record, or null if it cannot be read
 * @param problem why the record or checkpoint cannot be read, else null
 * @param step steps done according to the checkpoint (0 without one)
 * @param totalSteps steps of the whole run (0 until its first checkpoint)
 * @param heldOut the last held-out metrics, as text, or empty
 * @param active whether a job of this session is running or waiting to run it
 */
public record DistillRunItem(Path recordFile, DistillRunRecord record, String problem, long step, long totalSteps,
        String heldOut, boolean active) {

    /** Every run record in {@code dir} (the workspace's models), newest first; never throws. */
    public static List<DistillRunItem> scan(Path dir, Collection<Path> activeStudents) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<DistillRunItem> items = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(DistillRunRecord::isRecord).forEach(f -> items.add(read(f, activeStudents)));
        } catch (IOException e) {
            return List.of(new DistillRunItem(dir, null, "cannot list the folder: " + e.getMessage(), 0, 0, "", false));
        }
        items.sort(Comparator.comparing((DistillRunItem i) -> i.record == null ? "" : i.record.created()).reversed());
        return List.copyOf(items);
    }

    /** Reads one run; never throws (a problem is kept in {@link #problem()}). */
    static DistillRunItem read(Path recordFile, Collection<Path> activeStudents) {
        DistillRunRecord r;
        try {
            r = DistillRunRecord.read(recordFile);
        } catch (IOException e) {
            return new DistillRunItem(recordFile, null, e.getMessage(), 0, 0, "", false);
        }
        boolean active = activeStudents.contains(r.student());
        if (!Files.isRegularFile(r.checkpoint())) {
            return new DistillRunItem(recordFile, r, null, 0, 0, "", active);
        }
        try {
            BundleManifest m = ModelBundle.readManifest(r.checkpoint(), PriorBundles.KIND);
            JsonNode details = Json.mapper().valueToTree(m.provenance().details());
            JsonNode stages = details.path("schedule").path("stages");
            long total = stages.isArray() && stages.size() > 0 ? stages.get(stages.size() - 1).path("last_step").asLong() : 0;
            long step = m.provenance().steps() == null ? 0 : m.provenance().steps();
            return new DistillRunItem(recordFile, r, null, step, total, heldOut(details.path("last_validation")), active);
        } catch (IOException | RuntimeException e) {
            return new DistillRunItem(recordFile, r, e.getMessage(), 0, 0, "", active);
        }
    }

    /** e.g. "NLL 3.210 bits/token · KL 0.120 bits · top-1 0.612", or empty. */
    static String heldOut(JsonNode v) {
        if (v == null || !v.has("held_out_bits_per_token")) {
            return "";
        }
        return String.format(Locale.ROOT, "NLL %.3f bits/token · KL to teacher %.3f bits · top-1 agreement %.3f",
                v.path("held_out_bits_per_token").asDouble(), v.path("kl_to_teacher_bits").asDouble(),
                v.path("top1_agreement").asDouble());
    }

    /** The student's file name, or the record's if it cannot be read. */
    public String name() {
        return record == null ? recordFile.getFileName().toString() : record.student().getFileName().toString();
    }

    /** Whether the checkpoint reached the run's last step. */
    public boolean finished() {
        return totalSteps > 0 && step >= totalSteps;
    }

    /** running, finished, stopped at step s/N, not started, or unreadable. */
    public String status() {
        if (record == null || problem != null) {
            return "unreadable";
        }
        if (active) {
            return "running or queued";
        }
        if (finished()) {
            return "finished";
        }
        return totalSteps > 0 ? "stopped at step " + step + "/" + totalSteps : "stopped before its first checkpoint";
    }

    /** Whether it can be run again to complete it. */
    public boolean resumable() {
        return record != null && problem == null && !active && !finished();
    }

    /** The teacher, student size, mode, epochs and seed. */
    public String settingsText() {
        return record == null ? "" : record.describe();
    }

    /** Everything about the run, for a details pane. */
    public String details() {
        if (record == null) {
            return recordFile + "\n\nThis run record cannot be read: " + problem;
        }
        DistillRunRecord r = record;
        return String.format(Locale.ROOT, "%s%nstatus: %s%nstarted: %s%nteacher: %s (level %d)%nstudent: %s, %d layers, "
                + "width %s%ndata: %s%s%nsettings: %s%ncheckpoint: %s%nheld-out: %s%s", r.student(), status(), r.created(),
                r.teacher(), r.level(), r.student().getFileName(), r.layers(), r.width() == null ? "the teacher's"
                        : r.width(), r.data(), r.vqvae() == null ? "" : " (encoded with " + r.vqvae() + ")", describe(r),
                r.checkpoint(), heldOut.isEmpty() ? "not measured yet" : heldOut,
                problem == null ? "" : "\nproblem: " + problem);
    }

    private static String describe(DistillRunRecord r) {
        var p = r.params();
        return String.format(Locale.ROOT, "mode %s, epochs %d+%d, %s steps per epoch, batch %d, lr %s, seed %d",
                p.mode().id(), p.phase1Epochs(), p.phase2Epochs(), p.stepsPerEpoch() == 0 ? "auto" : p.stepsPerEpoch(),
                p.batchSize(), p.lr(), p.seed());
    }
}
