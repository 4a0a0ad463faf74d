package io.fastjukebox.engine.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.fastjukebox.engine.checkpoint.StateDict;
import io.fastjukebox.engine.Golden;
import io.fastjukebox.engine.config.Json;
import java.nio.file.Path;
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
                Golden.assertClose(load(m, "up_xcond"), prior.conditioning(upper), 1e-4, "conditioner");
            }
            Prior.Forward out = prior.forward(tokens, upper, true, true);
            Golden.assertClose(load(m, name + "_logits"), out.logits(), 1e-4, "logits");
            NDArray hidden = NDArrays.stack(new NDList(out.hidden()), 1); // depth+1 x (N, T, W) -> (N, depth+1, T, W)
            Golden.assertClose(load(m, name + "_hidden"), hidden, 1e-4, "hidden states");
            NDArray attention = NDArrays.stack(new NDList(out.attention()), 1); // -> (N, depth, H, T, T)
            Golden.assertClose(load(m, name + "_attn"), attention, 1e-5, "attention weights");

            JsonNode loss = Json.mapper().readTree(resource(name + "_loss.json").toFile());
            float nats = out.logits().logSoftmax(-1).mul(tokens.oneHot(config.bins())).sum(new int[] {-1}).neg().mean().getFloat();
            assertEquals(loss.get("loss_nats").asDouble(), nats, 1e-5);
        }
    }

    static Path resource(String name) throws Exception {
        return Golden.file("prior", name);
    }

    private static NDArray load(NDManager m, String name) throws Exception {
        return Golden.load(m, "prior", name);
    }
}
