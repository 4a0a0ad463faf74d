package io.fastjukebox.engine.vqvae;

import io.fastjukebox.engine.config.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Named VQ-VAE architectures, or a JSON config file with the same fields. */
public final class VqVaePresets {
    private static final Map<String, VqVaeConfig> NAMED = Map.of(
            "jukebox", VqVaeConfig.jukebox(), // the released 5b/vqvae.pth.tar
            "vqvae", VqVaeConfig.jukebox(), // Jukebox's own hps name for it
            "small", VqVaeConfig.small());

    private VqVaePresets() {}

    /** {@code jukebox} (alias {@code vqvae}), {@code small}, or the path of a JSON config file. */
    public static VqVaeConfig resolve(String nameOrFile) throws IOException {
        VqVaeConfig named = NAMED.get(nameOrFile);
        if (named != null) {
            return named;
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("unknown VQ-VAE preset '" + nameOrFile
                    + "' (choose jukebox, small, or give a JSON config file)");
        }
        try {
            return Json.mapper().readValue(file.toFile(), VqVaeConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": not a valid VQ-VAE config: " + e.getMessage(), e);
        }
    }
}
