package io.fastjukebox.engine.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.io.AtomicFiles;
import io.fastjukebox.engine.sampling.SamplingParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a generation runs on: a VQ-VAE and one prior per level (a teacher or any student), as a small
 * JSON file that the studio and the CLI share. Relative paths are relative to the file's folder.
 *
 * @param name shown in the studio
 * @param vqvae the VQ-VAE bundle
 * @param top the top-level prior bundle
 * @param middle the middle upsampler bundle
 * @param bottom the bottom upsampler bundle
 * @param temperature the sampling temperature per level these models were measured to sound best at, used when
 *     the user sets none; null = Jukebox's ({@link GenerationSettings#JUKEBOX_TEMPERATURE})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSet(String name, String vqvae, String top, String middle, String bottom, PerLevel temperature) {

    public ModelSet {
        require(vqvae, "vqvae");
        require(top, "top");
        require(middle, "middle");
        require(bottom, "bottom");
        if (temperature != null) {
            for (int level = 0; level < 3; level++) {
                try {
                    SamplingParams.of(temperature.get(level), 0);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the model set's " + PerLevel.name(level) + " " + e.getMessage(), e);
                }
            }
        }
    }

    /** A set without a temperature recommendation. */
    public ModelSet(String name, String vqvae, String top, String middle, String bottom) {
        this(name, vqvae, top, middle, bottom, null);
    }

    /** The temperatures to sample with when the user sets none: the set's recommendation, else Jukebox's. */
    public PerLevel temperatureOrDefault() {
        return temperature != null ? temperature : GenerationSettings.JUKEBOX_TEMPERATURE;
    }

    /** The same models under another name (null for none), keeping the temperature recommendation. */
    public ModelSet named(String newName) {
        return new ModelSet(newName, vqvae, top, middle, bottom, temperature);
    }

    /** Whether the two sets use the same bundles (names and recommendations aside). */
    public boolean sameModels(ModelSet other) {
        return other != null && vqvae.equals(other.vqvae) && top.equals(other.top) && middle.equals(other.middle)
                && bottom.equals(other.bottom);
    }

    private static void require(String path, String field) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("the model set needs '" + field + "' (a bundle path)");
        }
    }

    /** The prior bundle of {@code level} (2 = top). */
    public String prior(int level) {
        return switch (level) {
            case 2 -> top;
            case 1 -> middle;
            case 0 -> bottom;
            default -> throw new IllegalArgumentException("level " + level + " is not 0, 1 or 2");
        };
    }

    /** The same set with every path made absolute against {@code base}. */
    public ModelSet resolvedAgainst(Path base) {
        return new ModelSet(name, abs(base, vqvae), abs(base, top), abs(base, middle), abs(base, bottom), temperature);
    }

    private static String abs(Path base, String p) {
        return base.resolve(p).toAbsolutePath().normalize().toString();
    }

    /** The model set a job ran with, from its record. */
    public static ModelSet of(java.util.List<ModelRef> refs) {
        String[] p = new String[4];
        for (ModelRef r : refs) {
            switch (r.role()) {
                case "vqvae" -> p[0] = r.path();
                case "top" -> p[1] = r.path();
                case "middle" -> p[2] = r.path();
                case "bottom" -> p[3] = r.path();
                default -> throw new IllegalArgumentException("unknown model role '" + r.role() + "' in a job record");
            }
        }
        return new ModelSet(null, p[0], p[1], p[2], p[3]);
    }

    /** Reads a model set file; its paths come back absolute. Errors name the file. */
    public static ModelSet read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such model set file");
        }
        ModelSet set;
        try {
            set = Json.mapper().readValue(file.toFile(), ModelSet.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": not a valid model set (" + firstLine(e.getMessage())
                    + "); expected {\"name\", \"vqvae\", \"top\", \"middle\", \"bottom\"} and optionally \"temperature\": "
                    + "{\"top\", \"middle\", \"bottom\"}", e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return set.resolvedAgainst(dir);
    }

    /** Writes the set atomically, as it is (paths unchanged). */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, Json.mapper().writeValueAsBytes(this));
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
