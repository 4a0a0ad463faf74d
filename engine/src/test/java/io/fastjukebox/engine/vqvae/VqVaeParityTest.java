package io.fastjukebox.engine.vqvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.fastjukebox.engine.Golden;
import io.fastjukebox.engine.checkpoint.StateDict;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.io.Npy;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java VQ-VAE against PyTorch's numbers for the same weights (golden/vqvae, made by
 * make_vqvae_fixtures.py): loaded from the zip, legacy and fp16 legacy checkpoint files.
 */
class VqVaeParityTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tiny_vqvae_zip.pth, dec_, TORCH_ZIP", "tiny_vqvae_legacy.pth.tar, dec_, TORCH_LEGACY",
        "tiny_vqvae_fp16_legacy.pth.tar, dec16_, TORCH_LEGACY"})
    void everyLevelMatchesPyTorchWithin1e4(String checkpoint, String decoded, StateDict.Format format) throws Exception {
        VqVaeConfig config = Json.mapper().readValue(resource("tiny_config.json").toFile(), VqVaeConfig.class);
        StateDict sd = StateDict.read(resource(checkpoint));
        assertEquals(format, sd.format());
        assertEquals(0, VqVaeBundles.compare(config, sd.tensors()).missing().size());
        boolean fp16 = checkpoint.contains("fp16");
        try (VqVae model = VqVaeBundles.fromTensors(resource(checkpoint), config, sd.tensors(), false);
                NDManager m = model.manager().newSubManager()) {
            NDArray x = load(m, "x").reshape(2, 1, 512); // (N, T) -> (N, 1, T)
            for (int level = 0; level < 3; level++) {
                if (!fp16) {
                    NDArray enc = model.encodeContinuous(x, level);
                    Golden.assertClose(load(m, "enc_" + level), enc, 1e-4, "encoder " + level);
                    // Codes are compared from PyTorch's own encoder output: a 1e-6 difference must not flip near-ties.
                    NDArray codes = model.quantise(load(m, "enc_" + level), level);
                    assertArrayEquals(Npy.read(resource("codes_" + level + ".npy")).toIntArray(),
                            codes.toType(DataType.INT32, false).toIntArray(), "codes " + level);
                    assertArrayEquals(Npy.read(resource("codes_" + level + ".npy")).toIntArray(),
                            model.quantise(enc, level).toType(DataType.INT32, false).toIntArray(), "codes from Java encoder " + level);
                }
                NDArray codes = m.create(Npy.read(resource("codes_" + level + ".npy")).toIntArray(),
                        new Shape(2, 512 / config.hopLength(level))).toType(DataType.INT64, false);
                NDArray deq = model.dequantise(codes, level);
                if (!fp16) {
                    Golden.assertClose(load(m, "deq_" + level), deq, 1e-6, "dequantised " + level);
                }
                Golden.assertClose(load(m, decoded + level), model.decodeContinuous(deq, level), 1e-4, "decoder " + level);
            }
        }
    }

    private static NDArray load(NDManager m, String name) throws Exception {
        return Golden.load(m, "vqvae", name);
    }

    private static Path resource(String name) throws Exception {
        return Golden.file("vqvae", name);
    }
}
