package io.fastjukebox.engine.vqvae;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.config.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * How audio is prepared before a VQ-VAE encodes it, so that a prime or an encoded file gives codes
 * like those the models were trained on. A VQ-VAE trained here saw every file scaled to a common RMS
 * loudness (recorded in its provenance), and the priors on its codes were trained the same way; a
 * quiet recording encoded as it is gives codes those models rarely saw. An imported official VQ-VAE
 * takes audio as it is, as Jukebox does.
 *
 * @param targetRmsDbfs the RMS loudness every whole file is scaled to (peak-limited), or empty for none
 */
public record EncoderInput(OptionalDouble targetRmsDbfs) {

    /** Audio as it is. */
    public static final EncoderInput AS_IS = new EncoderInput(OptionalDouble.empty());

    /** Reads the rule from a VQ-VAE bundle's manifest (the tensors are not read). */
    public static EncoderInput of(Path vqvaeBundle) throws IOException {
        return of(ModelBundle.readManifest(vqvaeBundle, VqVaeBundles.KIND).provenance());
    }

    /** The rule a VQ-VAE's provenance records: its training loudness, or none (imported, or unknown). */
    public static EncoderInput of(Provenance provenance) {
        if (provenance == null || provenance.details() == null) {
            return AS_IS;
        }
        JsonNode target = Json.mapper().valueToTree(provenance.details()).path("train_params").path("target_rms_dbfs");
        return target.isNumber() ? new EncoderInput(OptionalDouble.of(target.asDouble())) : AS_IS;
    }

    /** The clip as the encoder should see it: the whole clip scaled as the training files were. */
    public AudioClip prepare(AudioClip clip) {
        return targetRmsDbfs.isPresent() ? clip.normalisedTo(targetRmsDbfs.getAsDouble()) : clip;
    }

    /** One line for provenance, e.g. "each file scaled to -20 dBFS RMS, peak limited to 0.99". */
    public String describe() {
        return describe("each file");
    }

    /** One line for logs about {@code what}, e.g. "the whole file scaled to -20 dBFS RMS, peak limited to 0.99". */
    public String describe(String what) {
        if (targetRmsDbfs.isEmpty()) {
            return "audio as it is (no loudness normalisation)";
        }
        String db = BigDecimal.valueOf(targetRmsDbfs.getAsDouble()).stripTrailingZeros().toPlainString();
        return what + " scaled to " + db + " dBFS RMS, peak limited to 0.99";
    }
}
