package io.fastjukebox.engine.distill.eval;

import io.fastjukebox.engine.bundle.BundleManifest;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.distill.DistillMode;
import io.fastjukebox.engine.distill.DistillRun;
import io.fastjukebox.engine.distill.HeldOutScore;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorBundles;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.train.CodeCorpus;
import io.fastjukebox.engine.prior.train.TrainingCodes;
import io.fastjukebox.engine.runtime.EngineRuntime;
import io.fastjukebox.engine.runtime.EngineVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Evaluates a teacher and its students side by side (the paper's Table 1 and the closeness to the
 * teacher): parameters, layers, sampling speed measured in this one run, held-out NLL, KL(teacher ||
 * student) and top-1 agreement, and optionally the distance of generated audio's mel statistics to real
 * audio ({@link GeneratedAudio}).
 */
public final class Evaluation {
    private Evaluation() {}

    /**
     * What to evaluate.
     *
     * @param teacher the teacher prior bundle
     * @param students student prior bundles (any priors of the same level, context and vocabulary)
     * @param codes held-out codes (.npz from {@code encode})
     * @param vqvae the VQ-VAE that decodes generated codes, or null to skip the mel distance
     * @param audio a folder of held-out real audio, given together with {@code vqvae}
     */
    public record Request(Path teacher, List<Path> students, Path codes, Path vqvae, Path audio, EvalParams params) {
        public Request {
            students = List.copyOf(students);
            if (students.isEmpty()) {
                throw new IllegalArgumentException("give at least one student to evaluate");
            }
            if ((vqvae == null) != (audio == null)) {
                throw new IllegalArgumentException("the mel-statistics distance needs both a VQ-VAE and a folder of real "
                        + "audio (or neither)");
            }
        }
    }

    /** Runs the evaluation; {@code log} hears what is being measured. */
    public static EvalReport run(Request request, CancellationToken cancel, Consumer<String> log) throws IOException {
        if (!java.nio.file.Files.isRegularFile(request.codes())) {
            throw new IllegalArgumentException(request.codes() + ": not a codes file (give the .npz that 'encode' writes)");
        }
        List<int[][]> tracks = TrainingCodes.load(request.codes(), null, null, log).tracks();
        List<Path> files = new ArrayList<>();
        files.add(request.teacher());
        files.addAll(request.students());
        List<PriorBundles.Loaded> loaded = new ArrayList<>();
        try {
            for (Path f : files) {
                loaded.add(PriorBundles.loadWithManifest(f));
            }
            List<Prior> models = loaded.stream().map(PriorBundles.Loaded::prior).toList();
            Prior teacher = models.get(0);
            PriorConfig tc = teacher.config();
            for (int i = 1; i < models.size(); i++) {
                checkComparable(files.get(i), models.get(i).config(), tc);
            }
            DistillRun.checkData(tracks, tc);
            List<CodeCorpus.Window> windows = HeldOutScore.windows(tracks, tc, request.params().maxWindows());
            if (windows.isEmpty()) {
                throw new IllegalArgumentException(request.codes() + ": no clip holds a whole window of n_ctx " + tc.nCtx()
                        + " level-" + tc.level() + " codes");
            }
            log.accept("scoring " + windows.size() + " held-out windows with " + models.size() + " models");
            List<HeldOutScore.Scores> scores = HeldOutScore.compare(teacher, models, windows);
            EvalParams p = request.params();
            log.accept("timing sampling: " + p.speedRepeats() + " interleaved repeats of " + p.speedTokens() + " tokens x batch "
                    + p.speedBatch());
            List<SpeedComparison.Speed> speeds = SpeedComparison.run(models, p.speedTokens(), p.speedBatch(), p.speedWarmup(),
                    p.speedRepeats());
            GeneratedAudio.Result mel = request.vqvae() == null ? null
                    : GeneratedAudio.distances(models, windows, request.codes(), request.vqvae(), request.audio(), p, cancel,
                            log);
            List<EvalReport.ModelRow> rows = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                PriorConfig c = models.get(i).config();
                rows.add(new EvalReport.ModelRow(files.get(i).getFileName().toString(), ModelBundle.sha256(files.get(i)),
                        i == 0 ? "teacher" : "student", mode(loaded.get(i).manifest()), c.depth(), c.width(),
                        models.get(i).parameters().trainableCount(), speeds.get(i).tokensPerSecond(),
                        speeds.get(i).tokensPerSecond() / speeds.get(0).tokensPerSecond(), tc.depth() / (double) c.depth(),
                        scores.get(i).nllBits(), scores.get(i).klBits(), scores.get(i).top1(),
                        mel == null ? null : mel.toReal().get(i), mel == null ? null : mel.toTeacher().get(i)));
            }
            var info = EngineRuntime.info();
            return new EvalReport(Instant.now().toString(), EngineVersion.get(), info.device(), info.intraOpThreads(),
                    request.codes().getFileName().toString(), ModelBundle.sha256(request.codes()), tc.level(), windows.size(),
                    scores.get(0).positions(), p, mel == null ? null : mel.reference(), rows);
        } finally {
            loaded.forEach(l -> l.prior().close());
        }
    }

    /** full / intermediate / mle for distilled students, else the provenance's source (trained, imported, ...). */
    private static String mode(BundleManifest manifest) {
        if (manifest.provenance() == null) {
            return "–";
        }
        return DistillMode.recordedIn(manifest.provenance()).map(DistillMode::id)
                .orElse(Objects.requireNonNullElse(manifest.provenance().source(), "–"));
    }

    private static void checkComparable(Path file, PriorConfig s, PriorConfig t) {
        if (s.level() != t.level() || s.nCtx() != t.nCtx() || s.bins() != t.bins()
                || !Objects.equals(s.conditioner(), t.conditioner())) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s: models level %d with n_ctx %d and "
                    + "%d codes%s, but the teacher models level %d with n_ctx %d and %d codes%s; students must model what "
                    + "their teacher models", file, s.level(), s.nCtx(), s.bins(), s.isUpsampler() ? " (upsampler)" : "",
                    t.level(), t.nCtx(), t.bins(), t.isUpsampler() ? " (upsampler)" : ""));
        }
    }
}
