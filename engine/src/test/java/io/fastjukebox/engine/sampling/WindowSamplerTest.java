package io.fastjukebox.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.prior.ConditionerConfig;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.attention.AttentionOrder;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WindowSamplerTest {
    private static Prior top;
    private static Prior upsampler;

    @BeforeAll
    static void build() {
        top = Prior.initialise(new PriorConfig(1, 32, 32, 6, 2, AttentionOrder.of(2), 4, 0.5, 1.0, 8.0, 16, false, null), 5);
        upsampler = Prior.initialise(new PriorConfig(0, 32, 32, 3, 2, AttentionOrder.of(2), 4, 0.5, 1.0, 8.0, 16, false,
                new ConditionerConfig(16, 16, 2, 3, null, false, 2, 2)), 6);
    }

    @AfterAll
    static void close() {
        top.close();
        upsampler.close();
    }

    private static int[][] sample(Prior prior, int[][] prime, int[][] upper, SamplingParams p) {
        return WindowSampler.sample(prior, prime, prior.config().nCtx(), upper, p, 5, new CancellationToken(), (a, b) -> { });
    }

    @Test
    void nearZeroTemperatureSamplingIsTheGreedyDecodeOfTheFullForward() {
        for (Prior prior : new Prior[] {top, upsampler}) {
            int[][] upper = prior.config().isUpsampler() ? new int[][] {{1, 2, 3, 4, 5, 6, 7, 8}} : null;
            int[][] codes = sample(prior, new int[1][0], upper, SamplingParams.of(1e-4, 0));
            float[][] logits = prior.logits(codes, upper)[0];
            for (int t = 0; t < codes[0].length; t++) {
                int best = 0;
                for (int v = 1; v < logits[t].length; v++) {
                    if (logits[t][v] > logits[t][best]) {
                        best = v;
                    }
                }
                assertEquals(best, codes[0][t], "position " + t);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameCodesWhateverTheBatch() {
        int[][] alone = sample(top, new int[1][0], null, SamplingParams.of(1.0, 42));
        int[][] again = sample(top, new int[1][0], null, SamplingParams.of(1.0, 42));
        int[][] batch = sample(top, new int[3][0], null, SamplingParams.of(1.0, 42));
        assertArrayEquals(alone[0], again[0]);
        assertArrayEquals(alone[0], batch[0]);
    }

    @Test
    void primedSamplingKeepsThePrimeBitForBit() {
        int[][] prime = {{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5}, {2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4}};
        int[][] codes = sample(top, prime, null, SamplingParams.of(1.0, 1));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(prime[i], java.util.Arrays.copyOf(codes[i], prime[i].length));
        }
    }

    @Test
    void cancellationStopsWithinAStep() {
        CancellationToken cancel = new CancellationToken();
        int[] seen = {0};
        assertThrows(CancellationException.class, () -> WindowSampler.sample(top, new int[1][0], 32, null,
                SamplingParams.of(1.0, 0), 5, cancel, (done, total) -> {
                    seen[0] = done;
                    if (done == 3) {
                        cancel.cancel();
                    }
                }));
        assertEquals(3, seen[0]);
    }
}
