package io.fastjukebox.app.export;

import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.generate.GenerationSettings;
import io.fastjukebox.engine.generate.JobFolder;
import io.fastjukebox.engine.generate.JobRecord;
import io.fastjukebox.engine.generate.ModelRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a clip is, when it is an output of a generation job ({@code JOB/candidate-N/LEVEL.wav}): its
 * job record, candidate and level, as a name for people and as export metadata.
 */
public final class JobMetadata {
    private static final Pattern CANDIDATE = Pattern.compile("candidate-(\\d+)");
    private static final Pattern LEVEL = Pattern.compile("(top|middle|bottom)\\.wav");

    /**
     * A job output.
     *
     * @param jobDir the job folder
     * @param candidate 1-based
     * @param level top, middle or bottom
     * @param record the job's record
     */
    public record Output(Path jobDir, int candidate, String level, JobRecord record) {
        /** e.g. "20260101-120000-seed5 · candidate 2 · top". */
        public String displayName() {
            return jobDir.getFileName() + " · candidate " + candidate + " · " + level;
        }
    }

    private JobMetadata() {}

    /** The job output {@code wav} is, if it is one whose job record can be read. */
    public static Optional<Output> outputOf(Path wav) {
        Path abs = wav.toAbsolutePath().normalize();
        Path candidateDir = abs.getParent();
        Path jobDir = candidateDir == null ? null : candidateDir.getParent();
        if (jobDir == null) {
            return Optional.empty();
        }
        Matcher c = CANDIDATE.matcher(candidateDir.getFileName().toString());
        Matcher l = LEVEL.matcher(abs.getFileName().toString());
        JobFolder folder = new JobFolder(jobDir);
        if (!c.matches() || !l.matches() || !folder.exists()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Output(jobDir, Integer.parseInt(c.group(1)), l.group(1), folder.readRecord()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The name to show for a clip: the job, candidate and level of a job output, else the file name. */
    public static String displayName(Path clip) {
        return outputOf(clip).map(Output::displayName).orElse(String.valueOf(clip.getFileName()));
    }

    /** Export metadata for {@code source}: the whole job record for a job output, else just where it came from. */
    public static ClipExporter.Metadata exportMetadata(Path source) {
        Map<String, Object> sidecar = new LinkedHashMap<>();
        sidecar.put("source", source.toAbsolutePath().toString());
        Optional<Output> output = outputOf(source);
        if (output.isEmpty()) {
            return new ClipExporter.Metadata(String.valueOf(source.getFileName()), "exported from " + source, sidecar);
        }
        Output o = output.get();
        sidecar.put("job_folder", o.jobDir().toString());
        sidecar.put("candidate", o.candidate());
        sidecar.put("level", o.level());
        sidecar.put("job", Json.mapper().valueToTree(o.record()));
        return new ClipExporter.Metadata(o.displayName(), comment(o.record()), sidecar);
    }

    /** One paragraph with what it takes to reproduce the clip: seed, models, settings, engine. */
    public static String comment(JobRecord r) {
        GenerationSettings s = r.settings();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Fast Jukebox %s job, seed %d, %.2f s at %d Hz; ", r.mode().name().toLowerCase(
                Locale.ROOT), s.seed(), r.seconds(), r.sampleRate()));
        for (ModelRef m : r.models()) {
            b.append(String.format(Locale.ROOT, "%s %s (%s, sha256 %.12s); ", m.role(), Path.of(m.path()).getFileName(),
                    m.layers() > 0 ? m.layers() + " layers" : "VQ-VAE", m.sha256()));
        }
        b.append(String.format(Locale.ROOT, "temperature %s, top-k %d, top-p %s, hop fraction %s; engine %s on %s",
                s.temperature(), s.topK(), s.topP(), s.hopFraction(), r.engineVersion(), r.device()));
        return b.toString();
    }
}
