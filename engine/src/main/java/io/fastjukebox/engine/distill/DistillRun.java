package io.fastjukebox.engine.distill;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.checkpoint.TensorData;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.jobs.TrainingListener;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorBundles;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.train.CodeCorpus;
import io.fastjukebox.engine.prior.train.PriorTrainingRun;
import io.fastjukebox.engine.runtime.EngineVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A whole {@code distill} job: load the teacher, derive and initialise the student, run the schedule,
 * and rewrite two files atomically at every checkpoint: the student {@code OUT}, a plain prior bundle
 * whose provenance names the teacher (SHA-256), the layer mapping, the data, the seed, the mode and the
 * losses; and {@code OUT.train}, the same plus the hidden projection and the optimiser state, from
 * which {@code --resume} continues exactly.
 */
public final class DistillRun {
    private static final String TRAIN_PREFIX = "train.";

    private DistillRun() {}

    /**
     * What to run; when resuming, the student's architecture and {@code params} are taken from the checkpoint.
     *
     * @param teacher the teacher prior bundle
     * @param level the level the codes are taken at; it must be the teacher's
     * @param layers student layers
     * @param width student width, or null for the teacher's
     * @param codes the training codes, {@code codes.get(track)[level]}
     * @param dataProvenance where the codes came from (files and checksums), for the bundle
     */
    public record Request(Path teacher, int level, int layers, Integer width, List<int[][]> codes,
            Map<String, Object> dataProvenance, DistillParams params, Path out, boolean resume) {}

    /** The checkpoint file next to a student bundle. */
    public static Path checkpointPath(Path out) {
        return PriorTrainingRun.checkpointPath(out); // the same OUT.train convention as train-prior
    }

    /** Runs (or resumes) the job; returns the last finished step. */
    public static long run(Request request, CancellationToken cancel, TrainingListener listener) throws IOException {
        Path checkpoint = checkpointPath(request.out());
        String teacherSha = ModelBundle.sha256(request.teacher());
        ModelBundle saved = request.resume() ? readCheckpoint(checkpoint, teacherSha, request.dataProvenance()) : null;
        if (saved == null && Files.exists(checkpoint)) {
            throw new IOException(checkpoint + ": a distillation checkpoint already exists; use --resume to continue it, "
                    + "or choose another --out");
        }
        JsonNode savedDetails = saved == null ? null : Json.mapper().valueToTree(saved.manifest().provenance().details());
        DistillParams params = saved == null ? request.params()
                : Json.mapper().treeToValue(savedDetails.get("distill_params"), DistillParams.class);
        long done = saved == null ? 0 : saved.manifest().provenance().steps();
        try (Prior teacher = PriorBundles.load(request.teacher())) {
            PriorConfig tc = teacher.config();
            if (request.level() != tc.level()) {
                throw new IllegalArgumentException("the data's level " + request.level() + " is not the level the teacher "
                        + request.teacher().getFileName() + " models (" + tc.level() + ")");
            }
            checkData(request.codes(), tc);
            PriorConfig sc = saved == null ? StudentFactory.config(tc, request.layers(), request.width())
                    : Json.mapper().treeToValue(saved.manifest().config(), PriorConfig.class);
            LayerMapping mapping = LayerMapping.of(tc.attnOrder(), tc.depth(), sc.depth());
            CodeCorpus corpus = new CodeCorpus(request.codes(), params.holdOutEvery());
            long windows = corpus.windowCount(tc.level(), tc.nCtx());
            if (windows == 0) {
                throw new IllegalArgumentException("no training track holds a whole window of n_ctx " + tc.nCtx()
                        + " level-" + tc.level() + " codes");
            }
            Schedule schedule = Schedule.of(params, windows);
            listener.onMessage(String.format(Locale.ROOT, "teacher %s: %d layers, width %d, level %d (sha256 %s); student: "
                    + "%d layers, width %d; mode %s", request.teacher().getFileName(), tc.depth(), tc.width(), tc.level(),
                    teacherSha.substring(0, 12), sc.depth(), sc.width(), params.mode().id()));
            listener.onMessage(String.format(Locale.ROOT, "codes: %d training tracks (%d windows), %d held out; an epoch is "
                    + "%d steps of %d windows; %d steps in all", corpus.train().size(), windows, corpus.heldOut().size(),
                    schedule.stepsPerEpoch(), params.batchSize(), schedule.totalSteps()));
            if (params.mode().usesTeacher()) {
                listener.onMessage(mapping.describe());
            }
            if (saved != null) {
                listener.onMessage("resuming " + checkpoint + " at step " + done + " of " + schedule.totalSteps()
                        + " (settings from the checkpoint)");
            }
            Student student = student(teacher, sc, params, saved, checkpoint);
            try (Prior prior = student.prior()) {
                DistillTrainer trainer = new DistillTrainer(teacher, prior, student.projection(), corpus, params, schedule);
                if (saved != null && savedDetails.has("optimiser_stage")) {
                    Map<String, float[]> state = new LinkedHashMap<>();
                    saved.tensors().forEach((k, v) -> {
                        if (k.startsWith(TRAIN_PREFIX + "adam.")) {
                            state.put(k.substring(TRAIN_PREFIX.length()), v.toFloatArray());
                        }
                    });
                    trainer.restoreOptimiser(savedDetails.get("optimiser_stage").asInt(), state,
                            savedDetails.get("optimiser_steps").asLong());
                }
                List<String> copied = saved == null ? student.copied()
                        : Json.mapper().convertValue(savedDetails.get("initialised_from_teacher"),
                                Json.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("distill_params", params);
                details.put("teacher", ordered("file", request.teacher().getFileName().toString(), "sha256", teacherSha,
                        "depth", tc.depth(), "width", tc.width(), "level", tc.level()));
                details.put("student", ordered("depth", sc.depth(), "width", sc.width(), "hidden_projection",
                        student.projection() != null));
                details.put("layer_mapping", mapping.rows());
                details.put("schedule", schedule);
                details.put("initialised_from_teacher", copied);
                details.put("data", request.dataProvenance());
                return trainer.run(done + 1, cancel, listener, step -> save(request, checkpoint, prior, student.projection(),
                        trainer, details, step, teacherSha, params.seed()));
            }
        }
    }

    /** The student and, for a narrower one, its hidden projection, fresh or from the checkpoint. */
    private record Student(Prior prior, HiddenProjection projection, List<String> copied) {}

    private static Student student(Prior teacher, PriorConfig sc, DistillParams params, ModelBundle saved, Path checkpoint)
            throws IOException {
        Prior prior;
        List<String> copied = List.of();
        if (saved != null) {
            prior = PriorBundles.fromTensors(checkpoint, sc, saved.tensors(), true);
        } else if (params.mode().usesTeacher()) {
            StudentFactory.Initialised init = StudentFactory.fromTeacher(teacher, sc, params.seed());
            prior = init.student();
            copied = init.copiedFromTeacher();
        } else {
            prior = Prior.initialise(sc, params.seed());
        }
        HiddenProjection projection = null;
        if (params.mode().usesTeacher() && sc.width() != teacher.config().width()) {
            projection = HiddenProjection.initialise(prior, teacher.config().width(), params.seed());
            if (saved != null) {
                projection.load(saved.tensors());
            }
        }
        return new Student(prior, projection, copied);
    }

    private static Path save(Request request, Path checkpoint, Prior prior, HiddenProjection projection, DistillTrainer trainer,
            Map<String, Object> details, long step, String teacherSha, long seed) throws IOException {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put("last_step_metrics", trainer.lastMetrics());
        d.put("last_validation", trainer.lastValidation());
        String created = Instant.now().toString();
        PriorBundles.save(prior, request.out(), new Provenance(created, EngineVersion.get(), "distilled", null, step, seed,
                teacherSha, null, d), Map.of());
        Map<String, TensorData> state = new LinkedHashMap<>();
        if (projection != null) {
            state.putAll(projection.tensors());
        }
        if (trainer.optimiser() != null) {
            d.put("optimiser_stage", trainer.optimiserStage());
            d.put("optimiser_steps", trainer.optimiser().steps());
            trainer.optimiser().state().forEach((k, v) -> state.put(TRAIN_PREFIX + k, TensorData.ofFloats(v, v.length)));
        }
        PriorBundles.save(prior, checkpoint, new Provenance(created, EngineVersion.get(), "distilled", null, step, seed,
                teacherSha, null, d), state);
        return request.out();
    }

    private static ModelBundle readCheckpoint(Path checkpoint, String teacherSha, Map<String, Object> data) throws IOException {
        if (!Files.exists(checkpoint)) {
            throw new IOException(checkpoint + ": no distillation checkpoint to resume from");
        }
        ModelBundle saved = ModelBundle.read(checkpoint, PriorBundles.KIND);
        Provenance p = saved.manifest().provenance();
        JsonNode details = Json.mapper().valueToTree(p.details());
        if (!"distilled".equals(p.source()) || !details.has("distill_params")) {
            throw new IOException(checkpoint + ": is not a distillation checkpoint");
        }
        if (!teacherSha.equals(p.parentSha256())) {
            throw new IOException("the teacher differs from the one the checkpoint " + checkpoint + " was distilled from "
                    + "(sha256 " + p.parentSha256() + "); resume needs the same teacher");
        }
        if (!Json.mapper().valueToTree(data).equals(details.get("data"))) {
            throw new IOException("the training codes differ from those the checkpoint " + checkpoint
                    + " was distilled on; resume needs the same data");
        }
        return saved;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** Fails naming the problem unless every track has the teacher's level (and the one above) within its vocabulary. */
    public static void checkData(List<int[][]> codes, PriorConfig c) {
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("the data holds no tracks");
        }
        int needed = c.isUpsampler() ? c.level() + 2 : c.level() + 1;
        for (int[][] track : codes) {
            if (track.length < needed) {
                throw new IllegalArgumentException("the data has codes of levels 0.." + (track.length - 1) + "; the teacher "
                        + "models level " + c.level() + (c.isUpsampler() ? " from level " + (c.level() + 1) : ""));
            }
            for (int z : track[c.level()]) {
                if (z < 0 || z >= c.bins()) {
                    throw new IllegalArgumentException("the data's level-" + c.level() + " codes include " + z
                            + ", outside the teacher's vocabulary of " + c.bins());
                }
            }
        }
    }
}
