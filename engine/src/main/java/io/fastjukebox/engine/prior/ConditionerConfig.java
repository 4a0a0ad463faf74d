package io.fastjukebox.engine.prior;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Locale;

/**
 * The upsampler's conditioner on the level above (spec section 4.1): an embedding of the upper
 * level's codes, a DecoderConvBock that upsamples them to this level's rate, and a LayerNorm.
 *
 * @param bins codebook size of the upper level
 * @param width inner channel width of the conv stack ({@code cond_width})
 * @param depth residual blocks per stage ({@code cond_depth})
 * @param dilationGrowthRate dilation growth of the residual blocks ({@code cond_dilation_growth_rate})
 * @param dilationCycle dilations repeat every this many blocks ({@code cond_dilation_cycle}), or null
 * @param resScale residual branches scaled by {@code 1/sqrt(depth)} ({@code cond_res_scale})
 * @param downsT upsampling stages: the upper level's {@code downs_t}
 * @param stridesT stride of each stage: the upper level's {@code strides_t} (2)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConditionerConfig(int bins, int width, int depth, int dilationGrowthRate, Integer dilationCycle,
        boolean resScale, int downsT, int stridesT) {

    public ConditionerConfig {
        require(bins >= 2, "conditioner bins %d must be at least 2", bins);
        require(width >= 1 && depth >= 1, "conditioner width %d and depth %d must be positive", width, depth);
        require(dilationGrowthRate >= 1, "conditioner dilation_growth_rate %d must be positive", dilationGrowthRate);
        require(dilationCycle == null || dilationCycle >= 1, "conditioner dilation_cycle %s must be positive", dilationCycle);
        require(downsT >= 1, "conditioner downs_t %d must be positive", downsT);
        require(stridesT == 2, "conditioner strides_t %d: only stride 2 is supported", stridesT);
    }

    /** Positions of this level per position of the upper level. */
    public int upsampling() {
        return (int) Math.pow(stridesT, downsT);
    }

    /** Dilation of residual block {@code j} (never reversed in the conditioner). */
    public int dilation(int j) {
        return (int) Math.pow(dilationGrowthRate, dilationCycle == null ? j : j % dilationCycle);
    }

    private static void require(boolean ok, String message, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, message, args));
        }
    }
}
