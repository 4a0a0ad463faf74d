package io.fastjukebox.engine.bundle;

import io.fastjukebox.engine.checkpoint.SafetensorsWriter;
import io.fastjukebox.engine.checkpoint.StateDict;
import io.fastjukebox.engine.checkpoint.TensorData;
import io.fastjukebox.engine.config.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The project's model bundle: ONE safetensors file whose {@code __metadata__} holds the manifest
 * JSON under the key {@value #MANIFEST_KEY}. Any safetensors reader (Python's included) can load
 * the tensors; the manifest says what they are. Bundles are written atomically.
 *
 * @param manifest what the tensors are and where they came from
 * @param tensors the tensors by official state-dict name
 */
public record ModelBundle(BundleManifest manifest, Map<String, TensorData> tensors) {
    /** Metadata key of the manifest. */
    public static final String MANIFEST_KEY = "fastjukebox.manifest";
    /** Conventional file extension. */
    public static final String EXTENSION = ".fjb";

    /** Writes the bundle atomically. */
    public void write(Path file) throws IOException {
        String json = Json.mapper().writeValueAsString(manifest);
        SafetensorsWriter.write(file, tensors, Map.of(MANIFEST_KEY, json));
    }

    /**
     * Reads a bundle, checking that it is one and that its schema version is known.
     *
     * @param expectedKind the kind the caller needs ({@code vqvae}, ...), or null for any
     */
    public static ModelBundle read(Path file, String expectedKind) throws IOException {
        StateDict sd = StateDict.read(file);
        BundleManifest manifest = parseManifest(file, sd.metadata().get(MANIFEST_KEY), expectedKind);
        return new ModelBundle(manifest, sd.tensors());
    }

    /**
     * Reads only the manifest of a bundle (its safetensors header), without the tensors: cheap enough
     * to list a model library or validate a model set before loading anything.
     */
    public static BundleManifest readManifest(Path file, String expectedKind) throws IOException {
        String json;
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            long length = Long.reverseBytes(in.readLong());
            if (length < 2 || length > 100_000_000L || length > Files.size(file) - 8) {
                throw new IOException(file + ": not a Fast Jukebox model bundle (no valid safetensors header)");
            }
            byte[] header = in.readNBytes((int) length);
            com.fasterxml.jackson.databind.JsonNode meta = Json.mapper().readTree(header).path("__metadata__");
            json = meta.path(MANIFEST_KEY).isTextual() ? meta.get(MANIFEST_KEY).asText() : null;
        } catch (java.io.EOFException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not a Fast Jukebox model bundle (unreadable header: " + e.getMessage() + ")", e);
        }
        return parseManifest(file, json, expectedKind);
    }

    private static BundleManifest parseManifest(Path file, String json, String expectedKind) throws IOException {
        if (json == null) {
            throw new IOException(file + ": not a Fast Jukebox model bundle (no '" + MANIFEST_KEY
                    + "' metadata); to convert a PyTorch checkpoint use 'fastjukebox import'");
        }
        BundleManifest manifest;
        try {
            manifest = Json.mapper().readValue(json, BundleManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": unreadable bundle manifest: " + e.getMessage(), e);
        }
        if (manifest.schemaVersion() != BundleManifest.SCHEMA_VERSION) {
            throw new IOException(file + ": bundle schema version " + manifest.schemaVersion()
                    + " is not supported by this version (which reads version " + BundleManifest.SCHEMA_VERSION + ")");
        }
        if (expectedKind != null && !expectedKind.equals(manifest.kind())) {
            throw new IOException(file + ": is a '" + manifest.kind() + "' bundle, expected '" + expectedKind + "'");
        }
        return manifest;
    }

    /** SHA-256 of a file, hex: how job records and provenance refer to bundles. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
