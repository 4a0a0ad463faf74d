package io.fastjukebox.engine.vqvae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.fastjukebox.engine.Golden;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.runtime.EngineRuntime;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loss terms against PyTorch's numbers for the same waveforms (golden/vqvae/losses.json). */
class VqVaeLossTest {
    private static final int[][] SMALL = {{64, 16, 48}, {32, 8, 24}, {16, 4, 12}};

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {0, 1, 2})
    void everyTermMatchesPyTorch(int level) throws Exception {
        JsonNode expected = Json.mapper().readTree(resource("losses.json").toFile());
        JsonNode terms = expected.get("dec_" + level);
        Bandwidth bw = new Bandwidth(expected.get("bandwidth").get("l2").asDouble(),
                expected.get("bandwidth").get("l1").asDouble(), 1.0);
        try (NDManager m = EngineRuntime.engine().newBaseManager()) {
            NDArray x = load(m, "x").reshape(2, 512);
            NDArray y = load(m, "dec_" + level).reshape(2, 512);
            assertRel(terms.get("l2").asDouble(), VqVaeLoss.l2(x, y, bw).getFloat(), 1e-5);
            assertRel(terms.get("l1").asDouble(), VqVaeLoss.l1(x, y, bw).getFloat(), 1e-5);
            assertRel(terms.get("linf").asDouble(), VqVaeLoss.linf(x, y, 32, bw).getFloat(), 1e-5);
            assertRel(terms.get("lmix_released").asDouble(), VqVaeLoss.lmix(x, y, bw, 0, 1.0, 0.02, 32).getFloat(), 1e-5);
            assertRel(terms.get("multispectral_small").asDouble(), VqVaeLoss.multispectral(x, y, bw, SMALL).getFloat(), 1e-4);
        }
    }

    private static void assertRel(double expected, double actual, double rel) {
        assertEquals(expected, actual, rel * Math.abs(expected));
    }

    static NDArray load(NDManager m, String name) throws Exception {
        return Golden.load(m, "vqvae", name);
    }

    static Path resource(String name) throws Exception {
        return Golden.file("vqvae", name);
    }
}
