package io.fastjukebox.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {
    private static final float[] LOGITS = {2.0f, 1.0f, 0.5f, -1.0f, 0.0f};

    @Test
    void drawsFollowTheSoftmaxDistribution() {
        double[] expected = softmax(LOGITS, 1.0);
        int[] counts = new int[LOGITS.length];
        SplittableRandom rng = new SplittableRandom(1);
        int draws = 40_000;
        for (int i = 0; i < draws; i++) {
            counts[TokenSampler.sample(LOGITS, SamplingParams.of(1.0, 0), rng)]++;
        }
        for (int v = 0; v < counts.length; v++) {
            double sd = Math.sqrt(draws * expected[v] * (1 - expected[v]));
            assertEquals(draws * expected[v], counts[v], 5 * sd, "token " + v);
        }
    }

    @Test
    void topKKeepsOnlyTheKMostLikely() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 2000; i++) {
            int t = TokenSampler.sample(LOGITS, new SamplingParams(1.0, 2, 0, 0), rng);
            assertTrue(t == 0 || t == 1, "token " + t);
        }
    }

    @Test
    void topPKeepsTheNucleusIncludingTheTokenThatCrossesP() {
        // probabilities sorted: 0.5, 0.3, 0.15, 0.05 -> p = 0.6 keeps 0.5 and 0.3 (the crossing one)
        double[] prob = {0.15, 0.5, 0.05, 0.3};
        TokenSampler.nucleus(prob, 0.6);
        assertArrayEquals(new double[] {0, 0.5 / 0.8, 0, 0.3 / 0.8}, prob, 1e-12);
        double[] tiny = {0.9, 0.1};
        TokenSampler.nucleus(tiny, 0.1); // the top token always stays
        assertArrayEquals(new double[] {1, 0}, tiny, 1e-12);
    }

    @Test
    void lowTemperatureIsGreedyAndSeedsRepeat() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, TokenSampler.sample(LOGITS, SamplingParams.of(1e-3, 0), rng));
        }
        int[] a = new int[50];
        int[] b = new int[50];
        SplittableRandom r1 = new SplittableRandom(9);
        SplittableRandom r2 = new SplittableRandom(9);
        for (int i = 0; i < 50; i++) {
            a[i] = TokenSampler.sample(LOGITS, SamplingParams.of(1.0, 9), r1);
            b[i] = TokenSampler.sample(LOGITS, SamplingParams.of(1.0, 9), r2);
        }
        assertArrayEquals(a, b);
    }

    @Test
    void settingsAreValidatedWithTheirValues() {
        assertEquals("use top-k or top-p, not both (top-k 5, top-p 0.9)",
                assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1, 5, 0.9, 0)).getMessage());
        assertEquals("temperature 0.0 must be in (0, 100]",
                assertThrows(IllegalArgumentException.class, () -> new SamplingParams(0, 0, 0, 0)).getMessage());
    }

    private static double[] softmax(float[] x, double temp) {
        double[] p = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            p[i] = Math.exp(x[i] / temp);
            sum += p[i];
        }
        for (int i = 0; i < x.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
