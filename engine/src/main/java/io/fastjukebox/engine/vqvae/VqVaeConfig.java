package io.fastjukebox.engine.vqvae;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Locale;

/**
 * Architecture of a Jukebox hierarchical VQ-VAE (jukebox-architecture.md section 1), with the
 * original hyper-parameter names in JSON ({@code downs_t}, {@code l_bins}, ...).
 *
 * @param sampleRate audio rate in Hz ({@code sr})
 * @param levels number of levels
 * @param downsT per level, how many stride steps its encoder block takes
 * @param stridesT per level, the stride of each step (the released model uses 2)
 * @param embWidth code vector width
 * @param lBins codebook size per level
 * @param width base channel width of the encoder/decoder convolutions
 * @param depth base number of residual blocks per stack
 * @param mConv residual block inner width factor
 * @param dilationGrowthRate dilation of residual block j is {@code rate^j} ...
 * @param dilationCycle ... or {@code rate^(j mod cycle)} when set
 * @param multipliers per level, scales width and depth of that level's whole encoder and decoder
 * @param reverseDecoderDilation decoder residual stacks list their blocks largest dilation first
 * @param lMu codebook EMA decay
 * @param commit weight of the commitment loss
 * @param revivalThreshold codes used less than this (EMA count) are restarted
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VqVaeConfig(
        int sampleRate,
        int levels,
        List<Integer> downsT,
        List<Integer> stridesT,
        int embWidth,
        int lBins,
        int width,
        int depth,
        double mConv,
        int dilationGrowthRate,
        Integer dilationCycle,
        List<Integer> multipliers,
        boolean reverseDecoderDilation,
        double lMu,
        double commit,
        double revivalThreshold) {

    public VqVaeConfig {
        require(sampleRate >= 1000 && sampleRate <= 384_000, "sample_rate %d must be between 1000 and 384000", sampleRate);
        require(levels >= 1 && levels <= 8, "levels %d must be between 1 and 8", levels);
        downsT = List.copyOf(downsT);
        stridesT = List.copyOf(stridesT);
        multipliers = List.copyOf(multipliers);
        require(downsT.size() == levels, "downs_t %s must have one entry per level (%d)", downsT, levels);
        require(stridesT.size() == levels, "strides_t %s must have one entry per level (%d)", stridesT, levels);
        require(multipliers.size() == levels, "multipliers %s must have one entry per level (%d)", multipliers, levels);
        for (int l = 0; l < levels; l++) {
            require(downsT.get(l) >= 1 && downsT.get(l) <= 8, "downs_t[%d] = %d must be between 1 and 8", l, downsT.get(l));
            require(stridesT.get(l) == 2, "strides_t[%d] = %d: only stride 2 (kernel 4, padding 1) is supported", l,
                    stridesT.get(l));
            require(multipliers.get(l) >= 1 && multipliers.get(l) <= 16, "multipliers[%d] = %d must be between 1 and 16",
                    l, multipliers.get(l));
        }
        require(embWidth >= 1 && embWidth <= 4096, "emb_width %d must be between 1 and 4096", embWidth);
        require(lBins >= 2 && lBins <= 65536, "l_bins %d must be between 2 and 65536", lBins);
        require(width >= 1 && width <= 4096, "width %d must be between 1 and 4096", width);
        require(depth >= 1 && depth <= 64, "depth %d must be between 1 and 64", depth);
        require(mConv > 0 && mConv <= 16, "m_conv %s must be in (0, 16]", mConv);
        require(dilationGrowthRate >= 1 && dilationGrowthRate <= 16, "dilation_growth_rate %d must be between 1 and 16",
                dilationGrowthRate);
        require(dilationCycle == null || dilationCycle >= 1, "dilation_cycle %s must be positive or null", dilationCycle);
        require(lMu > 0 && lMu < 1, "l_mu %s must be in (0, 1)", lMu);
        require(commit >= 0, "commit %s must not be negative", commit);
        require(revivalThreshold >= 0, "revival_threshold %s must not be negative", revivalThreshold);
    }

    /** The released Jukebox {@code vqvae} (44.1 kHz, hops 8/32/128, 2048 codes of width 64). */
    public static VqVaeConfig jukebox() {
        return new VqVaeConfig(44100, 3, List.of(3, 2, 2), List.of(2, 2, 2), 64, 2048, 32, 4, 1.0, 3, null,
                List.of(2, 1, 1), true, 0.99, 0.02, 1.0);
    }

    /**
     * A CPU-trainable model at 22.05 kHz with the released hop lengths (8, 32, 128): the Jukebox
     * architecture with 512 codes and no width multiplier.
     */
    public static VqVaeConfig small() {
        return new VqVaeConfig(22050, 3, List.of(3, 2, 2), List.of(2, 2, 2), 64, 512, 32, 4, 1.0, 3, null,
                List.of(1, 1, 1), true, 0.99, 0.02, 1.0);
    }

    /** Samples per code at {@code level}: the product of all strides up to and including it. */
    public int hopLength(int level) {
        int hop = 1;
        for (int l = 0; l <= level; l++) {
            hop *= (int) Math.pow(stridesT.get(l), downsT.get(l));
        }
        return hop;
    }

    /** Channel width of the encoder and decoder of {@code level}. */
    public int width(int level) {
        return width * multipliers.get(level);
    }

    /** Residual blocks per stack in the encoder and decoder of {@code level}. */
    public int depth(int level) {
        return depth * multipliers.get(level);
    }

    /** Dilation of residual block {@code j} before any reversal. */
    public int dilation(int j) {
        int exponent = dilationCycle == null ? j : j % dilationCycle;
        return (int) Math.pow(dilationGrowthRate, exponent);
    }

    private static void require(boolean ok, String message, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, message, args));
        }
    }
}
