package io.fastjukebox.app.models;

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
 * @param teacher what {@code parentSha256} is, for people: a library file name, or a short checksum
 * @param tokensPerSecond measured sampling speed from this workspace's jobs, or NaN if never run
 */
public record ModelEntry(Path file, boolean bundled, VqVaeConfig vqvae, PriorConfig prior, long parameters, String source,
        String sha256, String parentSha256, String teacher, double tokensPerSecond) {

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

    /** "distilled from teacher.fjb", "trained", ... */
    public String provenanceText() {
        String s = source == null ? "unknown" : source;
        return teacher == null ? s : s + " from " + teacher;
    }

    /** e.g. "412 tokens/s", or "not measured yet". */
    public String speedText() {
        return Double.isNaN(tokensPerSecond) ? "not measured yet"
                : String.format(Locale.ROOT, "%.0f tokens/s", tokensPerSecond);
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

    /** The same entry with its teacher and speed filled in. */
    ModelEntry with(String teacherText, double speed) {
        return new ModelEntry(file, bundled, vqvae, prior, parameters, source, sha256, parentSha256, teacherText, speed);
    }
}
