package io.fastjukebox.engine.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code job.json}: everything that defines a generation and what happened to it (models with
 * checksums, settings, seed, lengths, timings, engine version, device), rewritten atomically
 * after every window. The codes themselves are in the candidates' {@code codes.npz}.
 *
 * @param schemaVersion format version of this file
 * @param created when the job was created (ISO-8601)
 * @param updated last write
 * @param status where the job stands
 * @param mode how the codes started
 * @param models the VQ-VAE and the priors, with checksums
 * @param settings sampling settings and seed
 * @param sampleRate the VQ-VAE's rate
 * @param hopLengths samples per code of each level (index = level)
 * @param samples the clip length in samples (a multiple of the top hop length)
 * @param candidates how many top-level candidates
 * @param upsample the candidates (1-based) whose middle and bottom levels are sampled
 * @param prime the prompt audio of a primed job
 * @param parent the job and candidate a continued job extends
 * @param timings per level name, wall-clock seconds and tokens sampled so far
 * @param engineVersion fastjukebox version
 * @param device where the priors ran
 * @param error the last error of a failed job
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRecord(int schemaVersion, String created, String updated, JobStatus status, GenerationMode mode,
        List<ModelRef> models, GenerationSettings settings, int sampleRate, List<Integer> hopLengths, long samples,
        int candidates, List<Integer> upsample, Prime prime, Parent parent, Map<String, LevelTiming> timings,
        String engineVersion, String device, String error) {

    /** The version this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    /** The prompt of a primed job: the file, its checksum, and the length kept. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Prime(String file, String sha256, double seconds, long samples) {}

    /** The job a continued job extends. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Parent(String job, int candidate, long samples) {}

    /** Time spent and tokens sampled at one level (summed over runs of a resumed job). */
    public record LevelTiming(double seconds, long tokens) {
        /** Tokens per second, or 0 before any. */
        public double tokensPerSecond() {
            return seconds > 0 ? tokens / seconds : 0;
        }
    }

    public JobRecord {
        models = List.copyOf(models);
        hopLengths = List.copyOf(hopLengths);
        upsample = List.copyOf(new TreeSet<>(upsample));
        timings = timings == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates " + candidates + " must be at least 1");
        }
        for (int c : upsample) {
            if (c < 1 || c > candidates) {
                throw new IllegalArgumentException("candidate " + c + " does not exist (1.." + candidates + ")");
            }
        }
    }

    /** Tokens of the whole clip at {@code level}. */
    public int tokens(int level) {
        return (int) (samples / hopLengths.get(level));
    }

    /** Length in seconds. */
    public double seconds() {
        return (double) samples / sampleRate;
    }

    /** The candidates sampled at {@code level}: all at the top, the chosen ones below. */
    public List<Integer> candidatesAt(int level) {
        if (level == hopLengths.size() - 1) {
            List<Integer> all = new ArrayList<>();
            for (int c = 1; c <= candidates; c++) {
                all.add(c);
            }
            return all;
        }
        return upsample;
    }

    public JobRecord withStatus(JobStatus s, String err) {
        return new JobRecord(schemaVersion, created, Instant.now().toString(), s, mode, models, settings, sampleRate,
                hopLengths, samples, candidates, upsample, prime, parent, timings, engineVersion, device, err);
    }

    public JobRecord withUpsample(List<Integer> chosen) {
        List<Integer> all = new ArrayList<>(upsample);
        all.addAll(chosen);
        return new JobRecord(schemaVersion, created, Instant.now().toString(), status, mode, models, settings, sampleRate,
                hopLengths, samples, candidates, all, prime, parent, timings, engineVersion, device, error);
    }

    /** Adds {@code seconds} and {@code tokens} to the timing of {@code level}. */
    public JobRecord withTime(int level, double seconds, long tokens) {
        Map<String, LevelTiming> t = new LinkedHashMap<>(timings);
        LevelTiming old = t.getOrDefault(PerLevel.name(level), new LevelTiming(0, 0));
        t.put(PerLevel.name(level), new LevelTiming(old.seconds() + seconds, old.tokens() + tokens));
        return new JobRecord(schemaVersion, created, Instant.now().toString(), status, mode, models, settings, sampleRate,
                hopLengths, samples, candidates, upsample, prime, parent, t, engineVersion, device, error);
    }
}
