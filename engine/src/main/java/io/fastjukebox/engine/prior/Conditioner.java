package io.fastjukebox.engine.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import io.fastjukebox.engine.nn.Conv;
import io.fastjukebox.engine.nn.ParameterSet;
import io.fastjukebox.engine.nn.Resnet1d;

/**
 * The upsampler's view of the level above (jukebox/prior/conditioners.py {@code Conditioner}):
 * embed the upper codes, upsample them with a DecoderConvBock (dilations not reversed), LayerNorm.
 * Legend: N batch, U upper positions, T = U * upsampling, W prior width, C conditioner width.
 */
final class Conditioner {
    private final PriorConfig config;
    private final ParameterSet params;

    Conditioner(PriorConfig config, ParameterSet params) {
        this.config = config;
        this.params = params;
    }

    /** Upper-level codes (N, U) int64 -> conditioning (N, T, W) added to every position. */
    NDArray forward(NDArray upperCodes) {
        ConditionerConfig cc = config.conditioner();
        String p = PriorLayout.COND;
        long n = upperCodes.getShape().get(0);
        long u = upperCodes.getShape().get(1);
        NDArray table = params.get(p + "x_emb.weight"); // (bins_upper, W)
        NDArray h = table.get(new NDIndex("{}", upperCodes.reshape(n * u))) // (N*U, W)
                .reshape(n, u, config.width()).transpose(0, 2, 1); // -> (N, W, U)
        h = Conv.conv1d(h, params.get(p + "cond.model.0.weight"), params.get(p + "cond.model.0.bias"), 1, 1, 1); // (N, C, U)
        float resScale = cc.resScale() ? (float) (1 / Math.sqrt(cc.depth())) : 1f;
        for (int i = 0; i < cc.downsT(); i++) {
            String stage = p + "cond.model." + (1 + i) + ".";
            h = Resnet1d.forward(h, params, stage + "0.blocks.", cc.depth(), cc::dilation, resScale);
            h = Conv.transpose(h, params.get(stage + "1.weight"), params.get(stage + "1.bias"), 2, 1); // t -> 2t
        }
        h = h.transpose(0, 2, 1); // (N, W, T) -> (N, T, W)
        return LayerNorm.layerNorm(h, new Shape(config.width()), params.get(p + "ln.weight"), params.get(p + "ln.bias"),
                1e-5f).singletonOrThrow();
    }
}
