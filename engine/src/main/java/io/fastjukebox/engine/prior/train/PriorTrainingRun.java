package io.fastjukebox.engine.prior.train;

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
import io.fastjukebox.engine.runtime.EngineVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole {@code train-prior} job on prepared codes: model, training, and two atomic outputs rewritten
 * at every checkpoint: the prior bundle {@code OUT} and {@code OUT.train} (the same plus optimiser
 * state), from which {@code --resume} continues exactly.
 */
public final class PriorTrainingRun {
    private static final String TRAIN_PREFIX = "train.";

    /**
     * What to run; {@code config} and {@code params} are taken from the checkpoint when resuming
     * (except a larger step count).
     *
     * @param codes the training codes, {@code codes.get(track)[level]}
     * @param dataProvenance where the codes came from (files and checksums, VQ-VAE), for the bundle
     */
    public record Request(List<int[][]> codes, Map<String, Object> dataProvenance, PriorConfig config,
            PriorTrainParams params, Path out, boolean resume) {}

    private PriorTrainingRun() {}

    /** The checkpoint file next to a prior bundle. */
    public static Path checkpointPath(Path out) {
        return out.resolveSibling(out.getFileName() + ".train");
    }

    /** Runs (or resumes) the job; returns the last finished step. */
    public static long run(Request request, CancellationToken cancel, TrainingListener listener) throws IOException {
        Path checkpoint = checkpointPath(request.out());
        PriorConfig config = request.config();
        PriorTrainParams params = request.params();
        ModelBundle saved = null;
        long done = 0;
        if (request.resume()) {
            if (!Files.exists(checkpoint)) {
                throw new IOException(checkpoint + ": no training checkpoint to resume from");
            }
            saved = ModelBundle.read(checkpoint, PriorBundles.KIND);
            config = Json.mapper().treeToValue(saved.manifest().config(), PriorConfig.class);
            JsonNode details = Json.mapper().valueToTree(saved.manifest().provenance().details());
            params = Json.mapper().treeToValue(details.get("train_params"), PriorTrainParams.class)
                    .withSteps(Math.max(request.params().steps(), saved.manifest().provenance().steps()));
            done = saved.manifest().provenance().steps();
            if (!Json.mapper().valueToTree(request.dataProvenance()).equals(details.get("data"))) {
                throw new IOException("the training codes differ from those the checkpoint " + checkpoint
                        + " was trained on; resume needs the same data");
            }
            listener.onMessage("resuming " + checkpoint + " at step " + done + " of " + params.steps());
        } else if (Files.exists(checkpoint)) {
            throw new IOException(checkpoint + ": a training checkpoint already exists; use --resume to continue it, "
                    + "or choose another --out");
        }
        CodeCorpus corpus = new CodeCorpus(request.codes(), params.holdOutEvery());
        listener.onMessage("codes: " + corpus.train().size() + " training tracks, " + corpus.heldOut().size() + " held out");
        try (Prior prior = saved == null ? Prior.initialise(config, params.seed())
                : PriorBundles.fromTensors(checkpoint, config, saved.tensors(), true)) {
            PriorTrainer trainer = new PriorTrainer(prior, corpus, params);
            if (saved != null) {
                Map<String, float[]> adam = new LinkedHashMap<>();
                saved.tensors().forEach((k, v) -> {
                    if (k.startsWith(TRAIN_PREFIX + "adam.")) {
                        adam.put(k.substring(TRAIN_PREFIX.length()), v.toFloatArray());
                    }
                });
                trainer.optimiser().restore(adam, done);
            }
            PriorTrainParams finalParams = params;
            return trainer.run(done + 1, cancel, listener, step -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("train_params", finalParams);
                details.put("data", request.dataProvenance());
                Provenance provenance = new Provenance(Instant.now().toString(), EngineVersion.get(), "trained", null, step,
                        finalParams.seed(), null, null, details);
                Map<String, TensorData> state = new LinkedHashMap<>();
                trainer.optimiser().state().forEach((k, v) -> state.put(TRAIN_PREFIX + k, TensorData.ofFloats(v, v.length)));
                PriorBundles.save(prior, checkpoint, provenance, state);
                PriorBundles.save(prior, request.out(), provenance, Map.of());
                return request.out();
            });
        }
    }
}
