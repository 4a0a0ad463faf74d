package io.fastjukebox.engine.prior;

import io.fastjukebox.engine.bundle.BundleManifest;
import io.fastjukebox.engine.bundle.KeyReport;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.checkpoint.TensorData;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.nn.ParameterSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Priors to and from bundles and official-layout state dicts. A tied prior's output head
 * {@code prior.x_out.weight} is written as a copy of {@code prior.x_emb.weight} (as the official state
 * dict lists it) and, when present on load, must equal it.
 */
public final class PriorBundles {
    /** Bundle kind of a prior. */
    public static final String KIND = "prior";

    private PriorBundles() {}

    /** Writes the prior (and any extra tensors, e.g. training state) to a bundle, atomically. */
    public static void save(Prior prior, Path file, Provenance provenance, Map<String, TensorData> extra) throws IOException {
        BundleManifest manifest = new BundleManifest(BundleManifest.SCHEMA_VERSION, KIND,
                Json.mapper().valueToTree(prior.config()), provenance);
        new ModelBundle(manifest, tensors(prior, extra)).write(file);
    }

    /** The state dict of the prior in official order and names (plus {@code extra}). */
    public static Map<String, TensorData> tensors(Prior prior, Map<String, TensorData> extra) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (ParameterSpec spec : prior.parameters().specs().values()) {
            out.put(spec.name(), TensorData.ofFloats(prior.parameters().values(spec.name()), spec.shape()));
        }
        if (!prior.config().mergedDecoder()) {
            out.put(PriorLayout.TIED_OUTPUT, out.get(PriorLayout.X_EMB));
        }
        out.putAll(extra);
        return out;
    }

    /** Reads a prior bundle, checking every tensor by name and shape. */
    public static Prior load(Path file) throws IOException {
        return loadWithManifest(file).prior();
    }

    /** A prior and the manifest of the bundle it was read from (provenance included). */
    public record Loaded(Prior prior, BundleManifest manifest) {}

    /** Reads a prior bundle as {@link #load} does, keeping its manifest; the caller closes the prior. */
    public static Loaded loadWithManifest(Path file) throws IOException {
        ModelBundle bundle = ModelBundle.read(file, KIND);
        PriorConfig config;
        try {
            config = Json.mapper().treeToValue(bundle.manifest().config(), PriorConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": bad prior config in the bundle: " + e.getMessage(), e);
        }
        return new Loaded(fromTensors(file, config, bundle.tensors(), true), bundle.manifest());
    }

    /** Builds a prior of {@code config} from state-dict tensors (fp16/bf16 widened). */
    public static Prior fromTensors(Path file, PriorConfig config, Map<String, TensorData> tensors, boolean extraAllowed)
            throws IOException {
        Map<String, TensorData> rest = new LinkedHashMap<>(tensors);
        TensorData tied = config.mergedDecoder() ? null : rest.remove(PriorLayout.TIED_OUTPUT);
        KeyReport report = KeyReport.compare(PriorLayout.specs(config), rest);
        if (!report.complete() || !extraAllowed && !report.unexpected().isEmpty()) {
            throw new IOException(file + ": does not match the prior architecture: " + report.describe());
        }
        if (tied != null && !java.util.Arrays.equals(tied.toFloatArray(), rest.get(PriorLayout.X_EMB).toFloatArray())) {
            throw new IOException(file + ": " + PriorLayout.TIED_OUTPUT + " differs from " + PriorLayout.X_EMB
                    + " but the config has a tied output head (merged_decoder false)");
        }
        Prior prior = Prior.initialise(config, 0);
        try {
            prior.parameters().load(rest);
        } catch (RuntimeException e) {
            prior.close();
            throw e;
        }
        return prior;
    }
}
