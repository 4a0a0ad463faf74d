package io.fastjukebox.engine.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastjukebox.engine.config.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model set files: relative paths, the optional temperature recommendation, and errors that name the file. */
class ModelSetTest {
    @TempDir
    Path dir;

    @Test
    void theTemperatureRecommendationIsOptionalAndSurvivesAWriteAndRead() throws IOException {
        Path file = dir.resolve("set.json");
        new ModelSet("tuned", "vq.fjb", "top.fjb", "m.fjb", "b.fjb", new PerLevel(0.98, 0.3, 0.3)).write(file);

        ModelSet read = ModelSet.read(file);

        assertEquals(new PerLevel(0.98, 0.3, 0.3), read.temperature());
        assertEquals(read.temperature(), read.temperatureOrDefault());
        assertEquals(dir.resolve("top.fjb").toString(), read.top(), "paths come back absolute");
        JsonNode t = Json.mapper().readTree(file.toFile()).get("temperature");
        assertEquals(0.3, t.get("middle").asDouble(), "written as {\"top\", \"middle\", \"bottom\"}: " + t);

        Path plain = dir.resolve("plain.json");
        Files.writeString(plain, "{\"vqvae\": \"vq.fjb\", \"top\": \"t.fjb\", \"middle\": \"m.fjb\", \"bottom\": \"b.fjb\"}");
        ModelSet p = ModelSet.read(plain);
        assertNull(p.temperature());
        assertEquals(GenerationSettings.JUKEBOX_TEMPERATURE, p.temperatureOrDefault());
        assertFalse(Files.readString(write(p)).contains("temperature"), "no recommendation, no field");
    }

    @Test
    void aBadTemperatureNamesTheFileTheLevelAndTheValue() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"vqvae\": \"vq.fjb\", \"top\": \"t.fjb\", \"middle\": \"m.fjb\", \"bottom\": \"b.fjb\","
                + " \"temperature\": {\"top\": 0.98, \"middle\": 0, \"bottom\": 0.3}}");

        IOException e = assertThrows(IOException.class, () -> ModelSet.read(file));

        assertTrue(e.getMessage().startsWith(file + ": not a valid model set"), e.getMessage());
        assertTrue(e.getMessage().contains("the model set's middle temperature 0.0 must be in (0, 100]"), e.getMessage());
    }

    @Test
    void namingAndComparingKeepTheRecommendation() {
        ModelSet a = new ModelSet(null, "v", "t", "m", "b", PerLevel.all(0.5));

        ModelSet named = a.named("mine");

        assertEquals("mine", named.name());
        assertEquals(PerLevel.all(0.5), named.temperature());
        assertTrue(named.sameModels(new ModelSet("other", "v", "t", "m", "b")));
        assertFalse(named.sameModels(new ModelSet(null, "v", "t", "b", "m")));
        assertFalse(named.sameModels(null));
    }

    private Path write(ModelSet set) throws IOException {
        Path f = dir.resolve("out.json");
        set.write(f);
        return f;
    }
}
