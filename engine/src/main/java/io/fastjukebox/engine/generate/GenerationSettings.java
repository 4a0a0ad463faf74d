package io.fastjukebox.engine.generate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.fastjukebox.engine.sampling.SamplingParams;
import java.util.Locale;

/**
 * How a generation samples: the same settings and seed give the same codes.
 *
 * @param seed seed of every random draw (each row of each window derives its own stream from it)
 * @param temperature per level (Jukebox: 0.98 at the top, 0.99 below)
 * @param topK keep the k most likely tokens; 0 = off
 * @param topP nucleus sampling; 0 = off (never both)
 * @param hopFraction per level, how far each window advances, as a fraction of n_ctx (Jukebox: 0.125 top, 0.5 below)
 * @param maxBatchSize sequences sampled together at most; more candidates are sampled in turns
 * @param chunkSize positions per step when the cache is filled from known codes
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GenerationSettings(long seed, PerLevel temperature, int topK, double topP, PerLevel hopFraction,
        int maxBatchSize, int chunkSize) {

    /** Jukebox's sampling temperatures (sample.py / the notebook): 0.98 at the top, 0.99 below. */
    public static final PerLevel JUKEBOX_TEMPERATURE = new PerLevel(0.98, 0.99, 0.99);

    /** Jukebox's defaults (sample.py / the notebook). */
    public static GenerationSettings defaults(long seed) {
        return new GenerationSettings(seed, JUKEBOX_TEMPERATURE, 0, 0, new PerLevel(0.125, 0.5, 0.5), 16, 32);
    }

    public GenerationSettings {
        if (temperature == null || hopFraction == null) {
            throw new IllegalArgumentException("temperature and hop_fraction are required for every level");
        }
        for (int level = 0; level < 3; level++) {
            SamplingParams.of(temperature.get(level), seed); // validates the temperature
            double hop = hopFraction.get(level);
            if (!(hop > 0 && hop <= 1)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "hop fraction %s of the %s level must be in (0, 1]",
                        hop, PerLevel.name(level)));
            }
        }
        new SamplingParams(1, topK, topP, seed); // validates top-k / top-p
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("max batch size " + maxBatchSize + " must be at least 1");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " must be at least 1");
        }
    }

    /** The token-sampling parameters of {@code level}. */
    public SamplingParams sampling(int level) {
        return new SamplingParams(temperature.get(level), topK, topP, seed);
    }

    /** The random stream of one row of one window: a function of what the row is, not of how rows are batched. */
    public long stream(int level, int windowStart, int candidate) {
        long z = seed;
        z = mix(z + 0x9E3779B97F4A7C15L * (level + 1));
        z = mix(z + 0x9E3779B97F4A7C15L * (windowStart + 1L));
        return mix(z + 0x9E3779B97F4A7C15L * (candidate + 1L));
    }

    private static long mix(long z) { // SplitMix64's finaliser
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
