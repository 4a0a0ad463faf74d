package io.fastjukebox.engine.prior.train;

import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.io.AtomicFiles;
import io.fastjukebox.engine.io.NpyArray;
import io.fastjukebox.engine.io.Npz;
import io.fastjukebox.engine.vqvae.CodesFile;
import io.fastjukebox.engine.vqvae.EncoderInput;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeBundles;
import io.fastjukebox.engine.vqvae.train.TrainingAudio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Codes to train priors on: a folder of audio encoded once with a VQ-VAE (cached next to the output
 * as {@code OUT.codes.npz} and reused while the audio and the VQ-VAE are unchanged), or a codes
 * {@code .npz} whose clips become the tracks, or the {@code OUT.codes.npz} cache of an encoded folder (read with
 * the same provenance as encoding the folder again).
 *
 * @param tracks {@code tracks.get(i)[level]}
 * @param provenance the VQ-VAE's checksum and the files' checksums, recorded in the prior's bundle
 */
public record TrainingCodes(List<int[][]> tracks, Map<String, Object> provenance) {

    /**
     * Loads codes from {@code data}: a directory of audio (encoded with {@code vqvaeFile}), a codes .npz or a folder's
     * cache ({@code vqvaeFile} and {@code cache} are then not used and may be null).
     */
    public static TrainingCodes load(Path data, Path vqvaeFile, Path cache, java.util.function.Consumer<String> log)
            throws IOException {
        if (Files.isRegularFile(data)) {
            Map<String, NpyArray> arrays = Npz.read(data); // read once: the cache of a corpus is ~100 MB
            if (arrays.containsKey("track0_level0")) {
                return fromFolderCache(data, arrays);
            }
            CodesFile file = CodesFile.fromArrays(data, arrays);
            List<int[][]> tracks = new ArrayList<>();
            for (int clip = 0; clip < file.levels()[0].length; clip++) {
                int[][] levels = new int[file.levels().length][];
                for (int l = 0; l < levels.length; l++) {
                    levels[l] = file.levels()[l][clip];
                }
                tracks.add(levels);
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("codes_file", data.getFileName().toString());
            p.put("codes_sha256", ModelBundle.sha256(data));
            return new TrainingCodes(tracks, p);
        }
        if (vqvaeFile == null) {
            throw new IllegalArgumentException(data + ": encoding an audio folder needs a VQ-VAE (--vqvae)");
        }
        String vqvaeSha = ModelBundle.sha256(vqvaeFile);
        EncoderInput input = EncoderInput.of(vqvaeFile); // scaled as the VQ-VAE's own training audio was
        try (VqVae vqvae = VqVaeBundles.load(vqvaeFile)) {
            TrainingAudio audio = TrainingAudio.load(data, vqvae.config().sampleRate(), input.targetRmsDbfs(), 0,
                    vqvae.config().hopLength(vqvae.config().levels() - 1));
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("vqvae_sha256", vqvaeSha);
            p.put("normalisation", input.describe());
            List<Map<String, String>> files = new ArrayList<>();
            for (TrainingAudio.Track t : audio.train()) {
                files.add(Map.of("path", t.file().getFileName().toString(), "sha256", ModelBundle.sha256(t.file())));
            }
            p.put("files", files);
            Path sidecar = cache.resolveSibling(cache.getFileName() + ".json");
            if (Files.exists(cache) && Files.exists(sidecar)
                    && Json.mapper().readTree(sidecar.toFile()).equals(Json.mapper().valueToTree(p))) {
                log.accept("reusing the encoded codes in " + cache);
                return new TrainingCodes(readCache(cache, Npz.read(cache), audio.train().size(), vqvae.config().levels()), p);
            }
            List<int[][]> tracks = new ArrayList<>();
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            for (int i = 0; i < audio.train().size(); i++) {
                TrainingAudio.Track t = audio.train().get(i);
                log.accept("encoding " + t.file().getFileName() + " (" + (i + 1) + "/" + audio.train().size() + ")");
                int[][] codes = vqvae.encode(t.samples());
                tracks.add(codes);
                for (int l = 0; l < codes.length; l++) {
                    arrays.put("track" + i + "_level" + l, NpyArray.ofInts(codes[l], codes[l].length));
                }
            }
            Npz.write(cache, arrays);
            AtomicFiles.write(sidecar, Json.mapper().writeValueAsBytes(p));
            return new TrainingCodes(tracks, p);
        }
    }

    /**
     * The codes of an encoded folder, read back from its cache: the same tracks and the same provenance
     * (VQ-VAE and audio checksums, from the cache's {@code .json}) as encoding the folder again, so
     * later priors and resumed runs need not encode anything.
     */
    private static TrainingCodes fromFolderCache(Path cache, Map<String, NpyArray> arrays) throws IOException {
        int tracks = 0;
        while (arrays.containsKey("track" + tracks + "_level0")) {
            tracks++;
        }
        int levels = 0;
        while (arrays.containsKey("track0_level" + levels)) {
            levels++;
        }
        Path sidecar = cache.resolveSibling(cache.getFileName() + ".json");
        Map<String, Object> p = new LinkedHashMap<>();
        if (Files.exists(sidecar)) {
            p.putAll(Json.mapper().readValue(sidecar.toFile(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
        } else {
            p.put("codes_file", cache.getFileName().toString());
            p.put("codes_sha256", ModelBundle.sha256(cache));
        }
        return new TrainingCodes(readCache(cache, arrays, tracks, levels), p);
    }

    private static List<int[][]> readCache(Path cache, Map<String, NpyArray> arrays, int tracks, int levels)
            throws IOException {
        List<int[][]> out = new ArrayList<>();
        for (int i = 0; i < tracks; i++) {
            int[][] codes = new int[levels][];
            for (int l = 0; l < levels; l++) {
                NpyArray a = arrays.get("track" + i + "_level" + l);
                if (a == null) {
                    throw new IOException(cache + ": missing track" + i + "_level" + l + "; delete the cache to re-encode");
                }
                codes[l] = a.toIntArray();
            }
            out.add(codes);
        }
        return out;
    }

}
