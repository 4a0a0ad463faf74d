package io.fastjukebox.app.export;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import net.sourceforge.javaflacencoder.FLACEncoder;
import net.sourceforge.javaflacencoder.FLACFileOutputStream;
import net.sourceforge.javaflacencoder.StreamConfiguration;

/**
 * Writes a clip as 16-bit WAV or FLAC with its metadata: a RIFF {@code LIST/INFO} chunk in the WAV
 * (title, software, comment, date: what audio editors show) and, for both formats, a sidecar
 * {@code NAME.json} with everything (the job record, candidate, level). Both files are written
 * atomically and an existing file is never overwritten.
 */
public final class ClipExporter {
    /** The formats offered. */
    public enum Format {
        WAV("wav"), FLAC("flac");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        /** The format of a file name's extension, WAV unless it ends in .flac. */
        public static Format of(Path file) {
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".flac") ? FLAC : WAV;
        }
    }

    /**
     * What to write besides the audio.
     *
     * @param title a short name (INFO INAM)
     * @param comment one paragraph: seed, models, settings (INFO ICMT)
     * @param sidecar the full metadata, written as JSON
     */
    public record Metadata(String title, String comment, Map<String, Object> sidecar) {}

    private ClipExporter() {}

    /** Writes {@code clip} to {@code target} (its extension picks the format) and {@code target}'s sidecar JSON. */
    public static void export(AudioClip clip, Path target, Metadata metadata) throws IOException {
        Path sidecar = sidecarOf(target);
        for (Path p : new Path[] {target, sidecar}) {
            if (Files.exists(p)) {
                throw new IOException(p + " already exists; exports never overwrite files");
            }
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        if (Format.of(target) == Format.FLAC) {
            writeFlac(clip, target);
        } else {
            writeWav(clip, target, metadata);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("audio", target.getFileName().toString());
        json.put("title", metadata.title());
        json.put("comment", metadata.comment());
        json.putAll(metadata.sidecar());
        AtomicFiles.write(sidecar, Json.mapper().writeValueAsBytes(json));
    }

    /**
     * Exports {@code clip} (read from {@code source}, whose job metadata goes along) on {@code background};
     * completes with one line for the user saying what was written, or why not.
     */
    public static java.util.concurrent.CompletableFuture<String> exportInBackground(AudioClip clip, Path source,
            Path target, java.util.concurrent.Executor background) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                export(clip, target, JobMetadata.exportMetadata(source));
                return "Exported " + target + " and " + sidecarOf(target).getFileName();
            } catch (IOException | RuntimeException e) {
                return "Export failed: " + e.getMessage();
            }
        }, background);
    }

    /** {@code song.wav} → {@code song.json}. */
    public static Path sidecarOf(Path target) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return target.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    private static void writeWav(AudioClip clip, Path target, Metadata metadata) throws IOException {
        Path plain = Files.createTempFile(target.toAbsolutePath().getParent(), ".export-", ".wav");
        try {
            Files.delete(plain);
            WavWriter.write(plain, clip, WavWriter.Encoding.PCM_16);
            byte[] wav = Files.readAllBytes(plain);
            byte[] list = infoChunk(metadata);
            ByteBuffer out = ByteBuffer.allocate(wav.length + list.length).order(ByteOrder.LITTLE_ENDIAN);
            out.put(wav).put(list);
            out.putInt(4, wav.length + list.length - 8); // the RIFF size now covers the LIST chunk
            AtomicFiles.write(target, out.array());
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    /** A {@code LIST} chunk of type {@code INFO}: INAM, ISFT, ICMT and ICRD, each NUL-terminated and padded to even. */
    static byte[] infoChunk(Metadata metadata) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("INFO".getBytes(StandardCharsets.US_ASCII));
        subChunk(body, "INAM", metadata.title());
        subChunk(body, "ISFT", "Fast Jukebox Studio");
        subChunk(body, "ICMT", metadata.comment());
        subChunk(body, "ICRD", java.time.LocalDate.now().toString());
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        head.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(body.size());
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes(head.array());
        chunk.writeBytes(body.toByteArray());
        return chunk.toByteArray();
    }

    private static void subChunk(ByteArrayOutputStream out, String id, String text) {
        byte[] value = ((text == null ? "" : text) + "\0").getBytes(StandardCharsets.UTF_8);
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        head.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(value.length);
        out.writeBytes(head.array());
        out.writeBytes(value);
        if (value.length % 2 == 1) {
            out.write(0);
        }
    }

    private static void writeFlac(AudioClip clip, Path target) throws IOException {
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".export-", ".flac");
        try {
            StreamConfiguration config = new StreamConfiguration(1, StreamConfiguration.DEFAULT_MIN_BLOCK_SIZE,
                    StreamConfiguration.DEFAULT_MAX_BLOCK_SIZE, clip.sampleRate(), 16);
            FLACEncoder encoder = new FLACEncoder();
            if (!encoder.setStreamConfiguration(config)) {
                throw new IOException("FLAC cannot store " + clip.sampleRate() + " Hz audio");
            }
            FLACFileOutputStream out = new FLACFileOutputStream(temp.toFile());
            try {
                encoder.setOutputStream(out);
                encoder.openFLACStream();
                float[] s = clip.samples();
                int[] pcm = new int[s.length];
                for (int i = 0; i < s.length; i++) {
                    pcm[i] = (int) Math.round(Math.max(-1, Math.min(1, s[i])) * 32767);
                }
                encoder.addSamples(pcm, pcm.length);
                encoder.encodeSamples(pcm.length, true);
            } finally {
                out.close();
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
