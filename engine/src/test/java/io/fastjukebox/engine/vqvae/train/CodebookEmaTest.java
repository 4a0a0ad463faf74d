package io.fastjukebox.engine.vqvae.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.fastjukebox.engine.runtime.EngineRuntime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The EMA codebook rule of spec section 1.4 on a hand-computed example. */
class CodebookEmaTest {

    @Test
    void updateFollowsTheEmaFormulaAndRestartsDeadCodes() {
        try (NDManager m = EngineRuntime.engine().newBaseManager()) {
            // K = 3 codes of width 1, mu = 0.5, threshold 1.0.
            CodebookEma ema = new CodebookEma(3, 1, 0.5, 1.0);
            NDArray x0 = m.create(new float[] {10, 20, 30}, new Shape(3, 1));
            NDArray k0 = ema.initialise(x0, m, new SplittableRandom(1)); // a permutation of the rows of x0
            float[] init = k0.toFloatArray();
            java.util.Arrays.sort(init);
            assertArrayEquals(new float[] {10, 20, 30}, init);
            // Overwrite with a known start: k = [0, 1, 2], k_sum = k, k_elem = 1.
            ema.restore(new float[] {0, 1, 2}, new float[] {1, 1, 1}, m, m.getDevice());
            NDArray k = m.create(new float[] {0, 1, 2}, new Shape(3, 1));

            // Batch: x = [1, 3, 5, 7], codes = [0, 0, 1, 1]; code 2 gets nothing.
            NDArray x = m.create(new float[] {1, 3, 5, 7}, new Shape(4, 1));
            NDArray codes = m.create(new long[] {0, 0, 1, 1});
            CodebookEma.Stats[] stats = new CodebookEma.Stats[1];
            float[] updated = ema.update(x, codes, k, new SplittableRandom(2), stats).toFloatArray();

            // k_sum = 0.5*[0,1,2] + 0.5*[4,12,0] = [2, 6.5, 1]; k_elem = 0.5*[1,1,1] + 0.5*[2,2,0] = [1.5, 1.5, 0.5]
            float[][] state = ema.state();
            assertArrayEquals(new float[] {2f, 6.5f, 1f}, state[0], 1e-6f);
            assertArrayEquals(new float[] {1.5f, 1.5f, 0.5f}, state[1], 1e-6f);
            // used codes: k = k_sum / k_elem; code 2 (k_elem 0.5 < 1) is restarted at a random row of x.
            assertEquals(2f / 1.5f, updated[0], 1e-6f);
            assertEquals(6.5f / 1.5f, updated[1], 1e-6f);
            assertTrue(java.util.List.of(1f, 3f, 5f, 7f).contains(updated[2]), "restart value " + updated[2]);
            assertEquals(2, stats[0].usedCodes());
            assertEquals(2.0, stats[0].perplexity(), 1e-4); // two codes used equally often
        }
    }

    @Test
    void smallBatchesAreTiledWithJitterBeforeRestarting() {
        try (NDManager m = EngineRuntime.engine().newBaseManager()) {
            CodebookEma ema = new CodebookEma(8, 2, 0.99, 1.0);
            NDArray x = m.create(new float[] {1, 1, -1, -1}, new Shape(2, 2)); // 2 rows < 8 codes
            float[] k = ema.initialise(x, m, new SplittableRandom(3)).toFloatArray();
            for (int i = 0; i < 8; i++) {
                double distToA = Math.hypot(k[2 * i] - 1, k[2 * i + 1] - 1);
                double distToB = Math.hypot(k[2 * i] + 1, k[2 * i + 1] + 1);
                assertTrue(Math.min(distToA, distToB) < 0.05, "code " + i + " is not a jittered row");
                assertTrue(Math.min(distToA, distToB) > 0, "code " + i + " has no jitter");
            }
        }
    }
}
