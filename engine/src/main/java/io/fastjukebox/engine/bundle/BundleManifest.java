package io.fastjukebox.engine.bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON part of a model bundle.
 *
 * @param schemaVersion format version of the bundle; readers refuse versions they do not know
 * @param kind what the tensors are: {@code vqvae}, {@code prior}, ...
 * @param config the architecture record of that kind, as JSON (e.g. a {@code VqVaeConfig})
 * @param provenance how the model was made
 */
public record BundleManifest(int schemaVersion, String kind, JsonNode config, Provenance provenance) {
    /** The version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public BundleManifest {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("bundle kind is required");
        }
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("bundle config must be a JSON object");
        }
    }
}
