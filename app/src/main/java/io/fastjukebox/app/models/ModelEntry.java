package io.fastjukebox.app.models;

import io.fastjukebox.engine.distill.DistillMode;
import io.fastjukebox.engine.generate.PerLevel;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.vqvae.VqVaeConfig;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One model bundle of the library, as read from its manifest (nothing is loaded).
 *
 * @param file the bundle
 * @param bundled whether it ships with the app (read-only) rather than living in the workspace
 * @param vqvae its config if it is a VQ-VAE, else null
 * @param prior its config if it is a prior, else null
 * @param parameters number of weights
 * @param source how it was made: trained, distilled, imported, ...
 * @param sha256 the file's checksum (how job records and students refer to it)
 * @param parentSha256 the bundle it was derived from (a student's teacher), or null
 * @param distillMode how a student of {@code parentSha256} was trained (distilled, or the MLE baseline), or null
 * @param teacher what {@code parentSha256} is, for people: a library file name, or a short checksum
 * @param tokensPerSecond measured sampling speed from this workspace's jobs, or NaN if never run
 * @param evalTokensPerSecond cached sampling speed (batch 1) timed by an evaluation report, or NaN if none did
 * @param evalSpeedup that report's speedup over the teacher, or NaN
 */
public record ModelEntry(Path file, boolean bundled, VqVaeConfig vqvae, PriorConfig prior, long parameters, String source,
        String sha256, String parentSha256, DistillMode distillMode, String teacher, double tokensPerSecond,
        double evalTokensPerSecond, double evalSpeedup) {

    /** The file name. */
    public String name() {
        return file.getFileName().toString();
    }

    public boolean isVqVae() {
        return vqvae != null;
    }

    /** "VQ-VAE", or "top prior" / "middle upsampler" / "bottom upsampler". */
    public String kind() {
        if (isVqVae()) {
            return "VQ-VAE";
        }
        return PerLevel.name(prior.level()) + (prior.isUpsampler() ? " upsampler" : " prior");
    }

    /** Transformer layers of a prior; the residual depth of a VQ-VAE. */
    public int layers() {
        return isVqVae() ? vqvae.depth() : prior.depth();
    }

    /** Residual width. */
    public int width() {
        return isVqVae() ? vqvae.width() : prior.width();
    }

    /** e.g. "12.3 M". */
    public String parametersText() {
        if (parameters >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f B", parameters / 1e9);
        }
        return parameters >= 1_000_000 ? String.format(Locale.ROOT, "%.1f M", parameters / 1e6)
                : String.format(Locale.ROOT, "%.1f k", parameters / 1e3);
    }

    /**
     * "distilled from teacher.fjb", "MLE baseline (no teacher) for teacher.fjb", "trained", ...: an MLE
     * baseline is made by the distill command and records the teacher whose students it is compared with, but
     * learns from the data alone (the paper's ablation).
     */
    public String provenanceText() {
        String s = source == null ? "unknown" : source;
        if (teacher == null) {
            return s;
        }
        if (distillMode == null) {
            return s + " from " + teacher;
        }
        return switch (distillMode) {
            case FULL -> "distilled from " + teacher;
            case INTERMEDIATE -> "distilled from " + teacher + " (intermediate layers only)";
            case MLE -> "MLE baseline (no teacher) for " + teacher;
        };
    }

    /** e.g. "412 tokens/s in jobs", "380 tokens/s in eval, 3.2× teacher", both, or "not measured yet". */
    public String speedText() {
        String jobs = Double.isNaN(tokensPerSecond) ? null : String.format(Locale.ROOT, "%.0f tokens/s in jobs", tokensPerSecond);
        String eval = null;
        if (!Double.isNaN(evalTokensPerSecond)) {
            eval = String.format(Locale.ROOT, "%.0f tokens/s in eval", evalTokensPerSecond);
            if (!Double.isNaN(evalSpeedup) && Math.abs(evalSpeedup - 1) > 1e-9) {
                eval += String.format(Locale.ROOT, ", %.1f× teacher", evalSpeedup);
            }
        }
        if (jobs == null && eval == null) {
            return "not measured yet";
        }
        return jobs == null ? eval : eval == null ? jobs : jobs + " · " + eval;
    }

    /** Where it lives, for people. */
    public String locationText() {
        return bundled ? "bundled (read-only)" : "workspace";
    }

    /** One line for a chooser: name, size and provenance. */
    public String label() {
        return String.format(Locale.ROOT, "%s · %d layers × %d · %s params · %s", name(), layers(), width(),
                parametersText(), provenanceText());
    }

    /** The same entry with its teacher and speeds filled in. */
    ModelEntry with(String teacherText, double speed, EvalSpeeds.Speed eval) {
        return new ModelEntry(file, bundled, vqvae, prior, parameters, source, sha256, parentSha256, distillMode, teacherText,
                speed, eval == null ? Double.NaN : eval.tokensPerSecond(), eval == null ? Double.NaN : eval.speedup());
    }
}
