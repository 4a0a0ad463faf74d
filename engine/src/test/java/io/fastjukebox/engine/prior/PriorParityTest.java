package io.fastjukebox.engine.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.fastjukebox.engine.checkpoint.StateDict;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.io.Npy;
import io.fastjukebox.engine.io.NpyArray;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java prior against PyTorch's numbers for the same weights (golden/prior, made by
 * make_prior_fixtures.py): logits, every layer's residual stream and attention weights, the
 * conditioner's output, and the loss — loaded from zip and legacy checkpoints.
 */
class PriorParityTest {

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource({"top, zip.pth", "top, legacy.pth.tar", "up, zip.pth", "up, legacy.pth.tar"})
    void forwardMatchesPyTorchWithin1e4(String name, String format) throws Exception {
        PriorConfig config = Json.mapper().readValue(resource(name + "_config.json").toFile(), PriorConfig.class);
        StateDict sd = StateDict.read(resource(name + "_" + format));
        try (Prior prior = PriorBundles.fromTensors(resource(name + "_" + format), config, sd.tensors(), false);
                NDManager m = prior.manager().newSubManager()) {
            NDArray tokens = load(m, name + "_tokens").toType(DataType.INT64, false);
            NDArray upper = config.isUpsampler() ? load(m, "up_cond").toType(DataType.INT64, false) : null;
            if (upper != null) {
                assertClose(load(m, "up_xcond"), prior.conditioning(upper), 1e-4, "conditioner");
            }
            Prior.Forward out = prior.forward(tokens, upper, true, true);
            assertClose(load(m, name + "_logits"), out.logits(), 1e-4, "logits");
            NDArray hidden = NDArrays.stack(new NDList(out.hidden()), 1); // depth+1 x (N, T, W) -> (N, depth+1, T, W)
            assertClose(load(m, name + "_hidden"), hidden, 1e-4, "hidden states");
            NDArray attention = NDArrays.stack(new NDList(out.attention()), 1); // -> (N, depth, H, T, T)
            assertClose(load(m, name + "_attn"), attention, 1e-5, "attention weights");

            JsonNode loss = Json.mapper().readTree(resource(name + "_loss.json").toFile());
            float nats = out.logits().logSoftmax(-1).mul(tokens.oneHot(config.bins())).sum(new int[] {-1}).neg().mean().getFloat();
            assertEquals(loss.get("loss_nats").asDouble(), nats, 1e-5);
        }
    }

    private static void assertClose(NDArray expected, NDArray actual, double tol, String what) {
        assertArrayEquals(expected.getShape().getShape(), actual.getShape().getShape(), what);
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(e[i] - a[i]));
        }
        assertTrue(worst <= tol, what + ": max difference " + worst);
    }

    private static NDArray load(NDManager m, String name) throws Exception {
        Path plain = Path.of(PriorParityTest.class.getResource("/golden/prior/").toURI()).resolve(name + ".npy");
        NpyArray a;
        if (Files.exists(plain)) {
            a = Npy.read(plain);
        } else {
            Path gz = plain.resolveSibling(name + ".npy.gz");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                a = Npy.read(in, gz.toString(), -1);
            }
        }
        long[] shape = java.util.Arrays.stream(a.shape()).asLongStream().toArray();
        return a.dtype().isFloating() ? m.create(a.toFloatArray(), new Shape(shape)) : m.create(a.toIntArray(), new Shape(shape));
    }

    static Path resource(String name) throws Exception {
        return Path.of(PriorParityTest.class.getResource("/golden/prior/" + name).toURI());
    }
}
