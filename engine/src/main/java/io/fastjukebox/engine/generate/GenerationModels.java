package io.fastjukebox.engine.generate;

import io.fastjukebox.engine.bundle.BundleManifest;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorBundles;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.PriorFit;
import io.fastjukebox.engine.vqvae.EncoderInput;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeBundles;
import io.fastjukebox.engine.vqvae.VqVaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The models of a job, validated up front from their manifests (kinds, levels, vocabularies, rate
 * ratios, checksums) and loaded lazily, one prior at a time if the caller releases each level
 * when it is done (as Jukebox moves one prior at a time to the GPU).
 */
public final class GenerationModels implements AutoCloseable {
    /** Levels of the models a job runs. */
    public static final int LEVELS = 3;
    private final List<ModelRef> refs;
    private final VqVaeConfig vqvaeConfig;
    private final PriorConfig[] priorConfigs = new PriorConfig[LEVELS];
    private final EncoderInput encoderInput;
    private VqVae vqvae;
    private final Prior[] priors = new Prior[LEVELS];

    private GenerationModels(List<ModelRef> refs, VqVaeConfig vqvaeConfig, EncoderInput encoderInput, PriorConfig[] configs) {
        this.refs = List.copyOf(refs);
        this.vqvaeConfig = vqvaeConfig;
        this.encoderInput = encoderInput;
        System.arraycopy(configs, 0, priorConfigs, 0, LEVELS);
    }

    /** Validates a model set (nothing is loaded yet); errors name the file and the mismatch. */
    public static GenerationModels open(ModelSet set) throws IOException {
        List<ModelRef> refs = new ArrayList<>();
        Path vqPath = Path.of(set.vqvae());
        BundleManifest vm = manifest(vqPath, VqVaeBundles.KIND, "VQ-VAE");
        VqVaeConfig vq = config(vqPath, vm, VqVaeConfig.class);
        if (vq.levels() != LEVELS) {
            throw new IOException(vqPath + ": the VQ-VAE has " + vq.levels() + " levels; generation needs " + LEVELS);
        }
        refs.add(ref("vqvae", vqPath, vm, 0, 0));
        PriorConfig[] configs = new PriorConfig[LEVELS];
        for (int level = LEVELS - 1; level >= 0; level--) {
            String role = PerLevel.name(level);
            Path p = Path.of(set.prior(level));
            BundleManifest pm = manifest(p, PriorBundles.KIND, "the " + role + " prior");
            PriorConfig pc = config(p, pm, PriorConfig.class);
            try {
                PriorFit.check(pc, vq, level);
            } catch (IllegalArgumentException e) {
                throw new IOException(p + ": cannot be the " + role + " prior of VQ-VAE " + vqPath + ": " + e.getMessage(), e);
            }
            configs[level] = pc;
            refs.add(ref(role, p, pm, pc.depth(), pc.width()));
        }
        return new GenerationModels(refs, vq, EncoderInput.of(vm.provenance()), configs);
    }

    /** Re-opens the models a job recorded, refusing any bundle whose checksum changed. */
    public static GenerationModels reopen(List<ModelRef> recorded) throws IOException {
        GenerationModels models = open(ModelSet.of(recorded));
        for (ModelRef r : recorded) {
            ModelRef now = models.refs.stream().filter(m -> m.role().equals(r.role())).findFirst().orElseThrow();
            if (!now.sha256().equals(r.sha256())) {
                throw new IOException(r.path() + ": the " + r.role() + " model changed since the job started (SHA-256 "
                        + r.sha256().substring(0, 12) + "... then, " + now.sha256().substring(0, 12) + "... now)");
            }
        }
        return models;
    }

    private static BundleManifest manifest(Path file, String kind, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such model file (" + what + ")");
        }
        return ModelBundle.readManifest(file, kind);
    }

    private static <T> T config(Path file, BundleManifest m, Class<T> type) throws IOException {
        try {
            return Json.mapper().treeToValue(m.config(), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": bad model config in the bundle: " + e.getMessage(), e);
        }
    }

    private static ModelRef ref(String role, Path file, BundleManifest m, int layers, int width) throws IOException {
        return new ModelRef(role, file.toAbsolutePath().normalize().toString(), ModelBundle.sha256(file),
                m.provenance() == null ? null : m.provenance().source(), layers, width,
                m.provenance() == null ? null : m.provenance().parentSha256());
    }

    public List<ModelRef> refs() {
        return refs;
    }

    public VqVaeConfig vqvaeConfig() {
        return vqvaeConfig;
    }

    /** How audio is prepared for the VQ-VAE's encoder (a prime is scaled as the training audio was). */
    public EncoderInput encoderInput() {
        return encoderInput;
    }

    public PriorConfig priorConfig(int level) {
        return priorConfigs[level];
    }

    /** The VQ-VAE, loaded on first use. */
    public synchronized VqVae vqvae() throws IOException {
        if (vqvae == null) {
            vqvae = VqVaeBundles.load(Path.of(refs.get(0).path()));
        }
        return vqvae;
    }

    /** The prior of {@code level}, loaded on first use. */
    public synchronized Prior prior(int level) throws IOException {
        if (priors[level] == null) {
            priors[level] = PriorBundles.load(Path.of(refs.get(LEVELS - level).path()));
        }
        return priors[level];
    }

    /** Frees the prior of {@code level} (it is loaded again if needed). */
    public synchronized void release(int level) {
        if (priors[level] != null) {
            priors[level].close();
            priors[level] = null;
        }
    }

    @Override
    public synchronized void close() {
        for (int level = 0; level < LEVELS; level++) {
            release(level);
        }
        if (vqvae != null) {
            vqvae.close();
            vqvae = null;
        }
    }
}
