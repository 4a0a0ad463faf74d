package io.fastjukebox.engine.generate;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A new generation job, before anything is loaded.
 *
 * @param models the model set (absolute paths)
 * @param mode how the codes start
 * @param seconds the clip length; for {@link GenerationMode#CONTINUE}, the seconds added to the parent
 * @param candidates top-level candidates sampled together
 * @param settings sampling settings and seed
 * @param allLevels sample the middle and bottom levels of every candidate (else only the top level)
 * @param prime the prompt audio of a primed job, else null
 * @param primeSeconds the seconds of {@code prime} kept
 * @param parentJob the job a continued job extends, else null
 * @param parentCandidate the candidate of {@code parentJob} extended (1-based)
 */
public record JobRequest(ModelSet models, GenerationMode mode, double seconds, int candidates,
        GenerationSettings settings, boolean allLevels, Path prime, double primeSeconds, Path parentJob,
        int parentCandidate) {

    /** At most this many candidates per job. */
    public static final int MAX_CANDIDATES = 64;

    public JobRequest {
        if (mode == null || settings == null) {
            throw new IllegalArgumentException("mode and settings are required");
        }
        if (!(seconds > 0) || seconds > 24 * 3600) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "duration %s s must be positive (and at most a day)", seconds));
        }
        if (candidates < 1 || candidates > MAX_CANDIDATES) {
            throw new IllegalArgumentException("candidates " + candidates + " must be between 1 and " + MAX_CANDIDATES);
        }
        if (mode == GenerationMode.PRIMED && (prime == null || !(primeSeconds > 0))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a primed job needs a prime audio file and prime seconds > 0 (got %s s)", primeSeconds));
        }
        if (mode != GenerationMode.PRIMED && prime != null) {
            throw new IllegalArgumentException("a prime audio file only makes sense for a primed job");
        }
        if (mode == GenerationMode.CONTINUE && (parentJob == null || parentCandidate < 1)) {
            throw new IllegalArgumentException("a continued job needs the job folder and candidate (1-based) it extends");
        }
        if (mode != GenerationMode.CONTINUE && models == null) {
            throw new IllegalArgumentException("a model set is required");
        }
    }

    /** A job from scratch. */
    public static JobRequest scratch(ModelSet models, double seconds, int candidates, GenerationSettings settings,
            boolean allLevels) {
        return new JobRequest(models, GenerationMode.SCRATCH, seconds, candidates, settings, allLevels, null, 0, null, 0);
    }
}
