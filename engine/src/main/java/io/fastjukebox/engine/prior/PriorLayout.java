package io.fastjukebox.engine.prior;

import io.fastjukebox.engine.nn.ParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every tensor of an unconditional Jukebox prior with its official state-dict key and shape, in
 * registration order (spec sections 2.2, 2.3 and 4.1), initialised as Jukebox does: Conv1D weights
 * N(0, (0.02 init_scale)^2) with zero biases, x_emb N(0, (0.02 init_scale)^2), pos_emb and
 * start_token N(0, (0.01 init_scale)^2), LayerNorms ones/zeros, the conditioner's convolutions with
 * PyTorch's default.
 *
 * <p>{@code prior.x_out.weight} is the same tensor as {@code prior.x_emb.weight} unless the prior is
 * a merged decoder; it then is not a separate parameter here (see {@link #TIED_OUTPUT}).
 */
public final class PriorLayout {
    /** The output head's key; for tied priors it names the token embedding. */
    public static final String TIED_OUTPUT = "prior.x_out.weight";
    /** Token embedding. */
    public static final String X_EMB = "prior.x_emb.weight";
    /** Learned start token (unconditional priors). */
    public static final String START_TOKEN = "prior.start_token";
    /** Learned absolute position embedding. */
    public static final String POS_EMB = "prior.pos_emb.pos_emb";
    /** Prefix of the conditioner. */
    public static final String COND = "conditioner_blocks.0.";

    private PriorLayout() {}

    /** Prefix of transformer layer {@code i}, e.g. {@code prior.transformer._attn_mods.3.}. */
    public static String layer(int i) {
        return "prior.transformer._attn_mods." + i + ".";
    }

    /** All tensors, conditioner first (its registration order in SimplePrior). */
    public static List<ParameterSpec> specs(PriorConfig c) {
        List<ParameterSpec> out = new ArrayList<>();
        if (c.conditioner() != null) {
            conditioner(c, out);
        }
        double s = c.initScale();
        out.add(ParameterSpec.normal(START_TOKEN, 0.01 * s, 1, c.width()));
        out.add(ParameterSpec.normal(X_EMB, 0.02 * s, c.bins(), c.width()));
        out.add(ParameterSpec.normal(POS_EMB, 0.01 * s, c.nCtx(), c.width()));
        for (int i = 0; i < c.depth(); i++) {
            String p = layer(i);
            conv1dJukebox(out, p + "attn.c_attn", c.width(), 3L * c.nState(), s);
            conv1dJukebox(out, p + "attn.c_proj", c.nState(), c.width(), s);
            out.add(ParameterSpec.ones(p + "ln_0.weight", c.width()));
            out.add(ParameterSpec.zeros(p + "ln_0.bias", c.width()));
            conv1dJukebox(out, p + "mlp.c_fc", c.width(), c.mlpWidth(), s);
            conv1dJukebox(out, p + "mlp.c_proj", c.mlpWidth(), c.width(), s);
            out.add(ParameterSpec.ones(p + "ln_1.weight", c.width()));
            out.add(ParameterSpec.zeros(p + "ln_1.bias", c.width()));
        }
        if (c.mergedDecoder()) {
            out.add(new ParameterSpec(TIED_OUTPUT, new long[] {c.bins(), c.width()}, ParameterSpec.Kind.UNIFORM, c.width()));
        }
        return Collections.unmodifiableList(out);
    }

    /** Jukebox's Conv1D: {@code .w} (in, out) and {@code .b} (out). */
    private static void conv1dJukebox(List<ParameterSpec> out, String prefix, long in, long outWidth, double initScale) {
        out.add(ParameterSpec.normal(prefix + ".w", 0.02 * initScale, in, outWidth));
        out.add(ParameterSpec.zeros(prefix + ".b", outWidth));
    }

    private static void conditioner(PriorConfig c, List<ParameterSpec> out) {
        ConditionerConfig cc = c.conditioner();
        out.add(ParameterSpec.normal(COND + "x_emb.weight", 0.02 * c.initScale(), cc.bins(), c.width()));
        Collections.addAll(out, ParameterSpec.conv1d(COND + "cond.model.0", c.width(), cc.width(), 3));
        for (int i = 0; i < cc.downsT(); i++) {
            String stage = COND + "cond.model." + (1 + i) + ".";
            for (int j = 0; j < cc.depth(); j++) {
                // cond_c_res=1 in the released files: the res-stack is a ModuleList called 'blocks'
                Collections.addAll(out, ParameterSpec.conv1d(stage + "0.blocks." + j + ".model.1", cc.width(), cc.width(), 3));
                Collections.addAll(out, ParameterSpec.conv1d(stage + "0.blocks." + j + ".model.3", cc.width(), cc.width(), 1));
            }
            int outChannels = i == cc.downsT() - 1 ? c.width() : cc.width();
            Collections.addAll(out, ParameterSpec.convTranspose1d(stage + "1", cc.width(), outChannels, 4));
        }
        out.add(ParameterSpec.ones(COND + "ln.weight", c.width()));
        out.add(ParameterSpec.zeros(COND + "ln.bias", c.width()));
    }
}
