package io.fastjukebox.app.models;

import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.bundle.BundleManifest;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.checkpoint.StateDict;
import io.fastjukebox.engine.checkpoint.TensorData;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.distill.DistillMode;
import io.fastjukebox.engine.generate.JobFolder;
import io.fastjukebox.engine.generate.JobRecord;
import io.fastjukebox.engine.generate.ModelRef;
import io.fastjukebox.engine.prior.PriorBundles;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.vqvae.VqVaeBundles;
import io.fastjukebox.engine.vqvae.VqVaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Finds the model bundles of the bundled folder and the workspace and describes each from its
 * manifest, the tensor shapes in its header, this workspace's job records and evaluation reports (measured speed).
 * Checksums and counts are cached by file size and time, so a rescan reads only changed files.
 * Runs on a background thread; the {@link ModelsViewModel} calls it.
 */
final class ModelLibrary {
    private static final int MAX_DEPTH = 4;
    /** The bundled family's evaluation reports, in the bundled models folder. */
    static final String EVAL_REPORTS = "eval";

    /** What a scan found: the entries, and one line per file that could not be read. */
    record Scan(List<ModelEntry> entries, List<String> problems) {}

    private record Facts(long size, long modified, String sha256, long parameters) {}

    private final Map<Path, Facts> cache = new ConcurrentHashMap<>();

    Scan scan(Workspace workspace) {
        List<ModelEntry> raw = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path dir : List.of(workspace.bundledModels(), workspace.models())) {
            boolean bundled = dir.equals(workspace.bundledModels());
            for (Path file : bundles(dir, problems)) {
                try {
                    ModelEntry e = read(file, bundled);
                    if (e != null) {
                        raw.add(e);
                    }
                } catch (IOException | RuntimeException e) {
                    problems.add(e.getMessage() == null ? file + ": " + e : e.getMessage());
                }
            }
        }
        Map<String, Double> speeds = measuredSpeeds(workspace.jobs());
        Map<String, EvalSpeeds.Speed> evalSpeeds = EvalSpeeds.read(
                List.of(workspace.bundledModels().resolve(EVAL_REPORTS), workspace.reports()));
        Map<String, String> names = new HashMap<>();
        raw.forEach(e -> names.putIfAbsent(e.sha256(), e.name()));
        List<ModelEntry> entries = new ArrayList<>();
        for (ModelEntry e : raw) {
            String teacher = e.parentSha256() == null ? null
                    : names.getOrDefault(e.parentSha256(), "SHA-256 " + e.parentSha256().substring(0, Math.min(12,
                            e.parentSha256().length())) + "… (not in the library)");
            entries.add(e.with(teacher, speeds.getOrDefault(e.sha256(), Double.NaN), evalSpeeds.get(e.sha256())));
        }
        entries.sort(Comparator.comparing((ModelEntry e) -> e.isVqVae() ? 3 : e.prior().level()).reversed()
                .thenComparing(ModelEntry::name));
        return new Scan(List.copyOf(entries), List.copyOf(problems));
    }

    /** Describes one bundle, or returns null if it is neither a VQ-VAE nor a prior (e.g. a training state). */
    ModelEntry read(Path file, boolean bundled) throws IOException {
        BundleManifest m = ModelBundle.readManifest(file, null);
        VqVaeConfig vq = null;
        PriorConfig prior = null;
        if (m.kind().equals(VqVaeBundles.KIND)) {
            vq = Json.mapper().treeToValue(m.config(), VqVaeConfig.class);
        } else if (m.kind().equals(PriorBundles.KIND)) {
            prior = Json.mapper().treeToValue(m.config(), PriorConfig.class);
        } else {
            return null;
        }
        Facts facts = facts(file);
        var p = m.provenance();
        return new ModelEntry(file.toAbsolutePath().normalize(), bundled, vq, prior, facts.parameters(),
                p == null ? null : p.source(), facts.sha256(), p == null ? null : p.parentSha256(), DistillMode.recordedIn(p).orElse(null), null,
                Double.NaN, Double.NaN, Double.NaN);
    }

    private Facts facts(Path file) throws IOException {
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        Facts cached = cache.get(file);
        if (cached != null && cached.size() == size && cached.modified() == modified) {
            return cached;
        }
        long parameters = 0;
        for (TensorData t : StateDict.read(file).tensors().values()) { // large tensors are mapped, not read
            parameters += t.numel();
        }
        Facts f = new Facts(size, modified, ModelBundle.sha256(file), parameters);
        cache.put(file, f);
        return f;
    }

    private static List<Path> bundles(Path dir, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir, MAX_DEPTH)) {
            return s.filter(p -> p.getFileName().toString().endsWith(ModelBundle.EXTENSION) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException | RuntimeException e) {
            problems.add(dir + ": cannot list the folder (" + e.getMessage() + ")");
            return List.of();
        }
    }

    /**
     * The regular files directly in each of {@code dirs} whose names end in {@code suffix}, sorted per folder, in the
     * order of {@code dirs}; a missing or unlistable folder contributes nothing.
     */
    static List<Path> filesEndingIn(List<Path> dirs, String suffix) {
        List<Path> out = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted()
                        .forEach(out::add);
            } catch (IOException e) {
                // an unlistable folder offers nothing; the library scan reports the folder
            }
        }
        return out;
    }

    /** Tokens per second per model checksum, summed over every job of the workspace that recorded timings. */
    static Map<String, Double> measuredSpeeds(Path jobs) {
        Map<String, double[]> sums = new HashMap<>(); // sha -> {tokens, seconds}
        if (!Files.isDirectory(jobs)) {
            return Map.of();
        }
        try (Stream<Path> dirs = Files.list(jobs)) {
            for (Path dir : dirs.toList()) {
                JobFolder folder = new JobFolder(dir);
                if (!folder.exists()) {
                    continue;
                }
                try {
                    JobRecord r = folder.readRecord();
                    for (ModelRef ref : r.models()) {
                        JobRecord.LevelTiming t = r.timings().get(ref.role());
                        if (t != null && t.seconds() > 0) {
                            double[] sum = sums.computeIfAbsent(ref.sha256(), k -> new double[2]);
                            sum[0] += t.tokens();
                            sum[1] += t.seconds();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // an unreadable job says nothing about speed; the History screen reports it
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, Double> out = new HashMap<>();
        sums.forEach((sha, s) -> out.put(sha, s[0] / s[1]));
        return out;
    }
}
