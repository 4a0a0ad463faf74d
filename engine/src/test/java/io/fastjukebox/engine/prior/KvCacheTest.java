package io.fastjukebox.engine.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.fastjukebox.engine.checkpoint.StateDict;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.prior.attention.AttentionOrder;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sampling with the cache equals the full teacher-forced forward (Jukebox's check_sample and
 * check_chunks): token by token, and in uneven chunks that cross block boundaries.
 */
class KvCacheTest {
    private static final int[][] CHUNKINGS = {{1}, {7, 30, 1, 26}, {5}, {64}, {3, 13, 8, 40}};

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"top", "up", "mixed-order", "one-head", "demo-top", "demo-middle"})
    void cachedLogitsEqualTheFullForward(String which) throws Exception {
        try (Prior prior = load(which); NDManager m = prior.manager().newSubManager()) {
            JniUtils.setGradMode(false); // after the engine is loaded: JniUtils needs the native library
            PriorConfig c = prior.config();
            Random rng = new Random(which.hashCode());
            int batch = which.equals("one-head") || which.startsWith("demo") ? 1 : 2; // batch 1 with one head: the flat fast path
            int[][] codes = new int[batch][c.nCtx()];
            int[][] upper = new int[batch][c.nCtx() / (c.isUpsampler() ? c.conditioner().upsampling() : 1)];
            for (int i = 0; i < batch; i++) {
                for (int t = 0; t < codes[i].length; t++) {
                    codes[i][t] = rng.nextInt(c.bins());
                }
                for (int t = 0; t < upper[i].length; t++) {
                    upper[i][t] = rng.nextInt(c.isUpsampler() ? c.conditioner().bins() : 1);
                }
            }
            NDArray z = Prior.toCodes(m, codes);
            NDArray up = c.isUpsampler() ? Prior.toCodes(m, upper) : null;
            NDArray full = prior.forward(z, up, false, false).logits(); // (N, T, V)
            NDArray xCond = prior.conditioning(up);
            // inputs[t] = code at t - 1; position 0 uses the start token
            NDArray inputs = m.zeros(new Shape(batch, 1), DataType.INT64).concat(z.get(new NDIndex(":, 0:" + (c.nCtx() - 1))), 1);
            for (int[] chunking : CHUNKINGS) {
                try (KvCache cache = prior.newCache(batch)) {
                    NDList pieces = new NDList();
                    int pos = 0;
                    for (int k = 0; pos < c.nCtx(); k++) {
                        int size = Math.min(chunking[k % chunking.length], c.nCtx() - pos);
                        NDIndex range = new NDIndex(":, " + pos + ":" + (pos + size));
                        NDArray cond = xCond == null ? null : xCond.get(new NDIndex(":, " + pos + ":" + (pos + size) + ", :"));
                        pieces.add(prior.step(cache, inputs.get(range), cond));
                        pos += size;
                    }
                    assertEquals(c.nCtx(), cache.length());
                    float worst = NDArrays.concat(pieces, 1).sub(full).abs().max().getFloat();
                    assertTrue(worst < 1e-5, which + " chunks " + java.util.Arrays.toString(chunking) + ": " + worst);
                }
            }
        }
    }

    private static Prior load(String which) throws Exception {
        if (which.equals("one-head")) {
            return Prior.initialise(new PriorConfig(1, 64, 32, 6, 1, AttentionOrder.ROW_COLUMN_PREVIOUS_ROW_DENSE, 8, 0.25,
                    1.0, 8.0, 16, false, null), 23);
        }
        if (which.startsWith("demo")) { // the bundled family's shapes (assets/recipe), one cycle of layers, sampled alone
            ConditionerConfig cond = new ConditionerConfig(512, 64, 4, 3, null, true, 2, 2);
            return Prior.initialise(which.equals("demo-top")
                    ? new PriorConfig(2, 512, 96, 3, 1, AttentionOrder.ROW_COLUMN_PREVIOUS_ROW, 16, 0.25, 1.0, 0.4, 512, false, null)
                    : new PriorConfig(1, 256, 96, 3, 1, AttentionOrder.ROW_COLUMN_PREVIOUS_ROW, 16, 0.25, 1.0, 0.4, 512, false, cond),
                    29);
        }
        if (which.equals("mixed-order")) { // row, column, previous-row, dense; 2 heads; 8 layers
            PriorConfig c = new PriorConfig(1, 64, 32, 8, 2, AttentionOrder.ROW_COLUMN_PREVIOUS_ROW_DENSE, 8, 0.5, 2.0,
                    8.0, 16, true, null);
            return Prior.initialise(c, 17);
        }
        PriorConfig config = Json.mapper().readValue(PriorParityTest.resource(which + "_config.json").toFile(), PriorConfig.class);
        StateDict sd = StateDict.read(PriorParityTest.resource(which + "_zip.pth"));
        return PriorBundles.fromTensors(PriorParityTest.resource(which + "_zip.pth"), config, sd.tensors(), false);
    }
}
