package io.fastjukebox.engine.vqvae.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.checkpoint.TensorData;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.jobs.TrainingListener;
import io.fastjukebox.engine.runtime.EngineVersion;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeBundles;
import io.fastjukebox.engine.vqvae.VqVaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A whole {@code train-vqvae} job: data, bandwidths, model, training, and two atomic outputs that
 * are rewritten at every checkpoint: the model bundle {@code OUT} (usable at once) and
 * {@code OUT.train}, the same plus optimiser and codebook-EMA state, from which {@code --resume}
 * continues exactly where the run stopped.
 */
public final class VqVaeTrainingRun {
    private static final String TRAIN_PREFIX = "train.";

    /** What to run. {@code config} and {@code params} are ignored when resuming, except the step count. */
    public record Request(Path dataDir, VqVaeConfig config, VqVaeTrainParams params, Path out, boolean resume) {}

    private VqVaeTrainingRun() {}

    /** The checkpoint file next to a model bundle. */
    public static Path checkpointPath(Path out) {
        return out.resolveSibling(out.getFileName() + ".train");
    }

    /** Runs (or resumes) the job; returns the last finished step. */
    public static long run(Request request, CancellationToken cancel, TrainingListener listener) throws IOException {
        Path checkpoint = checkpointPath(request.out());
        ModelBundle saved = null;
        VqVaeConfig config = request.config();
        VqVaeTrainParams params = request.params();
        long done = 0;
        if (request.resume()) {
            if (!Files.exists(checkpoint)) {
                throw new IOException(checkpoint + ": no training checkpoint to resume from");
            }
            saved = ModelBundle.read(checkpoint, VqVaeBundles.KIND);
            config = Json.mapper().treeToValue(saved.manifest().config(), VqVaeConfig.class);
            JsonNode details = Json.mapper().valueToTree(saved.manifest().provenance().details());
            params = Json.mapper().treeToValue(details.get("train_params"), VqVaeTrainParams.class)
                    .withSteps(Math.max(request.params().steps(), saved.manifest().provenance().steps()));
            done = saved.manifest().provenance().steps();
            listener.onMessage("resuming " + checkpoint + " at step " + done + " of " + params.steps());
        } else if (Files.exists(checkpoint)) {
            throw new IOException(checkpoint + ": a training checkpoint already exists; use --resume to continue it, "
                    + "or choose another --out");
        }
        TrainingAudio data = TrainingAudio.load(request.dataDir(), config.sampleRate(), OptionalDouble.of(params.targetRmsDbfs()),
                params.holdOutEvery(), params.sampleLength());
        List<Provenance.DataFile> manifest = dataManifest(data, config.sampleRate());
        listener.onMessage(String.format(java.util.Locale.ROOT, "data: %d training files (%.1f min), %d held out",
                data.train().size(), data.trainSamples() / (double) config.sampleRate() / 60, data.heldOut().size()));
        if (saved != null && !manifest.equals(saved.manifest().provenance().data())) {
            throw new IOException(request.dataDir() + ": the training data differ from those the checkpoint was trained "
                    + "on; resume needs the same files");
        }
        try (VqVae model = saved == null ? VqVae.initialise(config, params.seed())
                : VqVaeBundles.fromTensors(checkpoint, config, saved.tensors(), true)) {
            Bandwidth bw = saved == null ? measureBandwidth(model, data, params)
                    : Json.mapper().treeToValue(Json.mapper().valueToTree(saved.manifest().provenance().details()).get("bandwidth"),
                            Bandwidth.class);
            VqVaeTrainer trainer = new VqVaeTrainer(model, data, params, bw);
            if (saved != null) {
                restore(trainer, saved.tensors(), config, model, done);
            }
            VqVaeTrainParams finalParams = params;
            VqVaeConfig finalConfig = config;
            return trainer.run(done + 1, cancel, listener, step -> {
                Provenance provenance = provenance(finalParams, bw, manifest, step, data);
                VqVaeBundles.save(model, checkpoint, provenance, trainingState(trainer, finalConfig));
                VqVaeBundles.save(model, request.out(), provenance, Map.of());
                return request.out();
            });
        }
    }

    private static Bandwidth measureBandwidth(VqVae model, TrainingAudio data, VqVaeTrainParams params) {
        try (ai.djl.ndarray.NDManager m = model.manager().newSubManager()) {
            int[] r = VqVaeLoss.DEFAULT_STFT;
            return data.bandwidth(params.sampleLength(), 600L * model.config().sampleRate(), x -> {
                try (ai.djl.ndarray.NDManager w = m.newSubManager()) {
                    ai.djl.ndarray.NDArray s = VqVaeLoss.spec(w.create(x).reshape(1, -1), r[0], r[1], r[2]);
                    return s.square().sum().sqrt().getFloat();
                }
            });
        }
    }

    private static Map<String, TensorData> trainingState(VqVaeTrainer trainer, VqVaeConfig config) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : trainer.optimiser().state().entrySet()) {
            out.put(TRAIN_PREFIX + e.getKey(), TensorData.ofFloats(e.getValue(), e.getValue().length));
        }
        for (int l = 0; l < config.levels(); l++) {
            if (trainer.codebookEma(l).initialised()) {
                float[][] s = trainer.codebookEma(l).state();
                out.put(TRAIN_PREFIX + "ema.k_sum." + l, TensorData.ofFloats(s[0], config.lBins(), config.embWidth()));
                out.put(TRAIN_PREFIX + "ema.k_elem." + l, TensorData.ofFloats(s[1], config.lBins()));
            }
        }
        return out;
    }

    private static void restore(VqVaeTrainer trainer, Map<String, TensorData> tensors, VqVaeConfig config, VqVae model,
            long steps) {
        Map<String, float[]> adam = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            if (e.getKey().startsWith(TRAIN_PREFIX + "adam.")) {
                adam.put(e.getKey().substring(TRAIN_PREFIX.length()), e.getValue().toFloatArray());
            }
        }
        trainer.optimiser().restore(adam, steps);
        for (int l = 0; l < config.levels(); l++) {
            TensorData sum = tensors.get(TRAIN_PREFIX + "ema.k_sum." + l);
            TensorData elem = tensors.get(TRAIN_PREFIX + "ema.k_elem." + l);
            if (sum != null && elem != null) {
                trainer.codebookEma(l).restore(sum.toFloatArray(), elem.toFloatArray(), model.manager(),
                        model.manager().getDevice());
            }
        }
    }

    private static Provenance provenance(VqVaeTrainParams params, Bandwidth bw, List<Provenance.DataFile> data, long step,
            TrainingAudio audio) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("train_params", params);
        details.put("bandwidth", bw);
        details.put("normalisation", "each file scaled to " + params.targetRmsDbfs() + " dBFS RMS, peak limited to 0.99");
        details.put("held_out", audio.heldOut().stream().map(t -> t.file().getFileName().toString()).toList());
        return new Provenance(Instant.now().toString(), EngineVersion.get(), "trained", null, step, params.seed(), null, data,
                details);
    }

    private static List<Provenance.DataFile> dataManifest(TrainingAudio data, int rate) throws IOException {
        List<Provenance.DataFile> out = new ArrayList<>();
        List<TrainingAudio.Track> all = new ArrayList<>(data.train());
        all.addAll(data.heldOut());
        for (TrainingAudio.Track t : all) {
            out.add(new Provenance.DataFile(t.file().getFileName().toString(), ModelBundle.sha256(t.file()),
                    Math.round(t.samples().length / (double) rate * 1000) / 1000.0));
        }
        out.sort(java.util.Comparator.comparing(Provenance.DataFile::path));
        return out;
    }
}
