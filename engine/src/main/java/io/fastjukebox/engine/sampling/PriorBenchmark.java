package io.fastjukebox.engine.sampling;

import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.prior.KvCache;
import io.fastjukebox.engine.prior.Prior;

/**
 * Sampling speed of a prior: tokens per second of cached autoregressive sampling after a warm-up,
 * with the cache's size. Random weights are fine: the cost does not depend on them.
 */
public final class PriorBenchmark {
    private PriorBenchmark() {}

    /**
     * @param tokens tokens per sequence to time (at most n_ctx)
     * @param batch sequences sampled together
     * @param warmup tokens sampled first and not timed
     */
    public record Result(int tokens, int batch, double secondsPerToken, double tokensPerSecond, long cacheBytes) {}

    public static Result run(Prior prior, int tokens, int batch, int warmup) {
        int n = Math.min(prior.config().nCtx(), tokens);
        int[][] upper = null;
        if (prior.config().isUpsampler()) {
            upper = new int[batch][prior.config().nCtx() / prior.config().conditioner().upsampling()];
        }
        if (warmup > 0) {
            WindowSampler.sample(prior, new int[batch][0], Math.min(warmup, n), upper, SamplingParams.of(1.0, 1), 32,
                    new CancellationToken(), (a, b) -> { });
        }
        long start = System.nanoTime();
        WindowSampler.sample(prior, new int[batch][0], n, upper, SamplingParams.of(1.0, 2), 32, new CancellationToken(),
                (a, b) -> { });
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes;
        try (KvCache cache = prior.newCache(batch)) {
            bytes = cache.bytes();
        }
        return new Result(n, batch, seconds / n, n * batch / seconds, bytes);
    }
}
