package io.fastjukebox.engine.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws one token from one row of logits in Java, so a seed gives the same tokens on every device:
 * temperature, then Jukebox's top-k or top-p filter, then an inverse-CDF draw from the softmax.
 */
public final class TokenSampler {
    private TokenSampler() {}

    /** The token drawn from {@code logits} (not modified) with the next number of {@code rng}. */
    public static int sample(float[] logits, SamplingParams p, SplittableRandom rng) {
        double[] z = new double[logits.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = logits[i] / p.temperature();
        }
        if (p.topK() > 0 && p.topK() < z.length) {
            double[] sorted = z.clone();
            Arrays.sort(sorted);
            double kth = sorted[sorted.length - p.topK()];
            for (int i = 0; i < z.length; i++) {
                if (z[i] < kth) {
                    z[i] = Double.NEGATIVE_INFINITY; // keep logits >= the k-th largest, as filter_logits does
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] prob = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            prob[i] = Math.exp(z[i] - max);
            sum += prob[i];
        }
        for (int i = 0; i < prob.length; i++) {
            prob[i] /= sum;
        }
        if (p.topP() > 0) {
            nucleus(prob, p.topP());
        }
        double u = rng.nextDouble();
        double acc = 0;
        int last = 0;
        for (int i = 0; i < prob.length; i++) {
            if (prob[i] > 0) {
                acc += prob[i];
                last = i;
                if (u < acc) {
                    return i;
                }
            }
        }
        return last; // rounding left u just above the total
    }

    /**
     * Top-p as filter_logits: sort descending, drop every token after the first whose cumulative
     * probability exceeds p (the crossing token itself is kept, and so is the top token), renormalise.
     */
    static void nucleus(double[] prob, double topP) {
        Integer[] order = new Integer[prob.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(prob[b], prob[a]));
        double cumulative = 0;
        boolean remove = false;
        double kept = 0;
        for (int rank = 0; rank < order.length; rank++) {
            int i = order[rank];
            if (remove) {
                prob[i] = 0;
                continue;
            }
            cumulative += prob[i];
            kept += prob[i];
            remove = cumulative > topP; // shifted by one: this token stays, the following ones go
        }
        for (int i = 0; i < prob.length; i++) {
            prob[i] /= kept;
        }
    }
}
