package io.fastjukebox.engine.prior;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.fastjukebox.engine.prior.attention.AttentionOrder;
import io.fastjukebox.engine.prior.attention.AttentionPattern;
import java.util.Locale;

/**
 * Architecture of a Jukebox prior (a decoder-only sparse transformer over one level's codes; spec
 * section 2), unconditional ({@code labels=False}: a learned start token), with Jukebox's
 * hyper-parameter names in JSON.
 *
 * @param level the VQ-VAE level it models (the top prior models the highest level)
 * @param nCtx context window in tokens
 * @param width residual stream width ({@code prior_width})
 * @param depth transformer layers
 * @param heads attention heads
 * @param attnOrder which pattern each layer uses
 * @param blocks blocks per window; block length {@code n_ctx / blocks}
 * @param mAttn attention width factor: {@code n_state = m_attn * width}
 * @param mMlp MLP width factor
 * @param initScale initialisation scale
 * @param bins vocabulary: the level's codebook size
 * @param mergedDecoder untied output head and no second addition of the conditioning (prior_5b)
 * @param conditioner the upper-level conditioner of an upsampler; null for a top prior
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PriorConfig(int level, int nCtx, int width, int depth, int heads, AttentionOrder attnOrder, int blocks,
        double mAttn, double mMlp, double initScale, int bins, boolean mergedDecoder, ConditionerConfig conditioner) {

    public PriorConfig {
        require(level >= 0 && level < 8, "level %d must be between 0 and 7", level);
        require(nCtx >= 2 && nCtx <= 1 << 16, "n_ctx %d must be between 2 and 65536", nCtx);
        require(width >= 1 && depth >= 1 && heads >= 1, "width %d, depth %d and heads %d must be positive", width, depth, heads);
        require(attnOrder != null, "attn_order is required");
        require(blocks >= 1 && nCtx % blocks == 0, "n_ctx %d is not divisible by blocks %d", nCtx, blocks);
        int state = (int) (mAttn * width);
        require(state >= heads && state % heads == 0, "attention width m_attn*width = %d is not divisible by heads %d",
                state, heads);
        require(mMlp > 0, "m_mlp %s must be positive", mMlp);
        require(initScale > 0, "init_scale %s must be positive", initScale);
        require(bins >= 2, "bins %d must be at least 2", bins);
        require(conditioner == null || nCtx % conditioner.upsampling() == 0,
                "n_ctx %d is not a multiple of the conditioner's upsampling %d", nCtx,
                conditioner == null ? 1 : conditioner.upsampling());
    }

    /** Attention width {@code n_state}. */
    public int nState() {
        return (int) (mAttn * width);
    }

    /** Width of one head. */
    public int headDim() {
        return nState() / heads;
    }

    /** Positions per block. */
    public int blockCtx() {
        return nCtx / blocks;
    }

    /** MLP hidden width. */
    public int mlpWidth() {
        return (int) (mMlp * width);
    }

    /** The pattern of layer {@code layer}. */
    public AttentionPattern pattern(int layer) {
        return attnOrder.pattern(layer);
    }

    /** Whether this prior is conditioned on the level above. */
    @JsonIgnore
    public boolean isUpsampler() {
        return conditioner != null;
    }

    private static void require(boolean ok, String message, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, message, args));
        }
    }
}
