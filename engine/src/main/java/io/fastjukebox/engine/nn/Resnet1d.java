package io.fastjukebox.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.function.IntUnaryOperator;

/**
 * Jukebox's Resnet1D (jukebox/vqvae/resnet.py): {@code depth} pre-activation residual blocks
 * {@code x + res_scale * C1x1(relu(C3_dilated(relu(x))))} on (N, C, T) arrays, whose two
 * convolutions are {@code <prefix><j>.model.1} (kernel 3, padding = dilation) and
 * {@code <prefix><j>.model.3} (kernel 1).
 */
public final class Resnet1d {
    private Resnet1d() {}

    /**
     * @param prefix key prefix up to the block index, e.g. {@code ....model.0.1.model.} or {@code ....0.blocks.}
     * @param dilation dilation of module index j
     */
    public static NDArray forward(NDArray x, ParameterSet params, String prefix, int depth, IntUnaryOperator dilation,
            float resScale) {
        for (int j = 0; j < depth; j++) {
            int d = dilation.applyAsInt(j);
            String c1 = prefix + j + ".model.1";
            String c2 = prefix + j + ".model.3";
            NDArray h = Conv.conv1d(Activation.relu(x), params.get(c1 + ".weight"), params.get(c1 + ".bias"), 1, d, d);
            h = Conv.conv1d(Activation.relu(h), params.get(c2 + ".weight"), params.get(c2 + ".bias"), 1, 0, 1);
            x = x.add(resScale == 1f ? h : h.mul(resScale));
        }
        return x;
    }
}
