package io.fastjukebox.engine.vqvae;

import io.fastjukebox.engine.bundle.BundleManifest;
import io.fastjukebox.engine.bundle.KeyReport;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.checkpoint.StateDict;
import io.fastjukebox.engine.checkpoint.TensorData;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.nn.ParameterSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Saving and loading VQ-VAEs as bundles, and loading official-layout PyTorch state dicts. */
public final class VqVaeBundles {
    /** Bundle kind of a VQ-VAE. */
    public static final String KIND = "vqvae";

    private VqVaeBundles() {}

    /** Writes the model (and any extra tensors, e.g. training state) to a bundle, atomically. */
    public static void save(VqVae model, Path file, Provenance provenance, Map<String, TensorData> extra) throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (ParameterSpec spec : model.parameters().specs().values()) {
            tensors.put(spec.name(), TensorData.ofFloats(model.parameters().values(spec.name()), spec.shape()));
        }
        tensors.putAll(extra);
        BundleManifest manifest = new BundleManifest(BundleManifest.SCHEMA_VERSION, KIND,
                Json.mapper().valueToTree(model.config()), provenance);
        new ModelBundle(manifest, tensors).write(file);
    }

    /** Reads a VQ-VAE bundle: the config from its manifest, every tensor checked by name and shape. */
    public static VqVae load(Path file) throws IOException {
        ModelBundle bundle = ModelBundle.read(file, KIND);
        VqVaeConfig config;
        try {
            config = Json.mapper().treeToValue(bundle.manifest().config(), VqVaeConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": bad VQ-VAE config in the bundle: " + e.getMessage(), e);
        }
        return fromTensors(file, config, bundle.tensors(), true);
    }

    /**
     * Builds a model of {@code config} from state-dict tensors (fp16/bf16 widened to fp32).
     *
     * @param extraAllowed whether tensors the model does not have are tolerated (training state in a
     *     bundle); missing or mis-shaped tensors always fail
     */
    public static VqVae fromTensors(Path file, VqVaeConfig config, Map<String, TensorData> tensors, boolean extraAllowed)
            throws IOException {
        KeyReport report = compare(config, tensors);
        if (!report.complete() || !extraAllowed && !report.unexpected().isEmpty()) {
            throw new IOException(file + ": does not match the VQ-VAE architecture: " + report.describe());
        }
        VqVae model = VqVae.initialise(config, 0);
        try {
            model.parameters().load(tensors);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /**
     * Converts an official-layout PyTorch checkpoint (zip, legacy or safetensors; fp32/fp16/bf16) into
     * a bundle. Unexpected keys are reported and skipped; missing or mis-shaped keys fail, naming them.
     */
    public static KeyReport importCheckpoint(Path checkpoint, VqVaeConfig config, Path out) throws IOException {
        StateDict sd = StateDict.read(checkpoint);
        KeyReport report = compare(config, sd.tensors());
        if (!report.complete()) {
            throw new IOException(checkpoint + ": cannot import as this VQ-VAE: " + report.describe());
        }
        Map<String, Long> dtypes = new java.util.TreeMap<>();
        sd.tensors().values().forEach(t -> dtypes.merge(t.dtype().name(), 1L, Long::sum));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source_format", sd.format().name());
        details.put("source_dtypes", dtypes);
        details.put("skipped_keys", report.unexpected());
        try (VqVae model = fromTensors(checkpoint, config, sd.tensors(), true)) {
            Provenance provenance = new Provenance(java.time.Instant.now().toString(),
                    io.fastjukebox.engine.runtime.EngineVersion.get(), "imported",
                    checkpoint.getFileName() + " sha256:" + ModelBundle.sha256(checkpoint),
                    sd.step().isPresent() ? sd.step().getAsLong() : null, null, null, null, details);
            save(model, out, provenance, Map.of());
        }
        return report;
    }

    /** Which expected keys are missing, unexpected or of the wrong shape. */
    public static KeyReport compare(VqVaeConfig config, Map<String, TensorData> tensors) {
        return KeyReport.compare(VqVaeLayout.specs(config), tensors);
    }
}
