package io.fastjukebox.engine.distill.eval;

import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.sampling.PriorBenchmark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cached sampling speed of several priors measured in the same process, same batch and same length,
 * interleaved: every repeat times each model once, so a background load that comes and goes affects
 * them alike; the median of the repeats is kept ({@link PriorBenchmark} does the timing).
 */
public final class SpeedComparison {
    private SpeedComparison() {}

    /**
     * @param tokensPerSecond median tokens per second (all sequences of the batch counted)
     * @param runs tokens per second of every repeat, in order
     */
    public record Speed(double tokensPerSecond, double[] runs) {}

    /**
     * @param tokens tokens sampled per sequence and repeat
     * @param batch sequences sampled together
     * @param warmup untimed tokens sampled with each model first
     * @param repeats timed repeats (odd numbers give a true median)
     */
    public static List<Speed> run(List<Prior> models, int tokens, int batch, int warmup, int repeats) {
        if (repeats < 1 || tokens < 1 || batch < 1) {
            throw new IllegalArgumentException("tokens " + tokens + ", batch " + batch + " and repeats " + repeats
                    + " must be positive");
        }
        for (Prior m : models) {
            if (warmup > 0) {
                PriorBenchmark.run(m, Math.min(warmup, tokens), batch, 0);
            }
        }
        double[][] runs = new double[models.size()][repeats];
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < models.size(); i++) {
                runs[i][r] = PriorBenchmark.run(models.get(i), tokens, batch, 0).tokensPerSecond();
            }
        }
        List<Speed> out = new ArrayList<>();
        for (double[] r : runs) {
            double[] sorted = r.clone();
            Arrays.sort(sorted);
            int mid = sorted.length / 2;
            double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
            out.add(new Speed(median, r));
        }
        return out;
    }
}
