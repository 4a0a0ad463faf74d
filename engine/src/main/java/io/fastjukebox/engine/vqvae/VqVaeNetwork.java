package io.fastjukebox.engine.vqvae;

import ai.djl.ndarray.NDArray;
import io.fastjukebox.engine.nn.Conv;
import io.fastjukebox.engine.nn.ParameterSet;
import io.fastjukebox.engine.nn.Resnet1d;

/**
 * The encoder and decoder forward passes of jukebox/vqvae/encdec.py and resnet.py, reading tensors
 * by their official names. All arrays are (N, C, T).
 *
 * <p>Legend: N batch, T samples, T_E = T / hop(E) codes, W = width(E), D = emb_width.
 */
final class VqVaeNetwork {
    private final VqVaeConfig config;
    private final ParameterSet params;

    VqVaeNetwork(VqVaeConfig config, ParameterSet params) {
        this.config = config;
        this.params = params;
    }

    /** Encoder {@code e}: audio (N, 1, T) -> continuous codes (N, D, T_e), before quantisation. */
    NDArray encode(NDArray audio, int e) {
        NDArray x = audio;
        for (int l = 0; l <= e; l++) {
            String p = VqVaeLayout.encoderBlock(e, l);
            int downs = config.downsT().get(l);
            for (int i = 0; i < downs; i++) {
                x = conv(x, p + i + ".0", 2, 1, 1); // (N, C, t) -> (N, W, t/2)
                x = resnet(x, e, p + i + ".1.model.", false);
            }
            x = conv(x, p + downs, 1, 1, 1); // (N, W, t) -> (N, D, t)
        }
        return x;
    }

    /** Decoder {@code e}: dequantised codes (N, D, T_e) -> audio (N, 1, T). */
    NDArray decode(NDArray codes, int e) {
        NDArray x = codes;
        for (int l = e; l >= 0; l--) {
            String p = VqVaeLayout.decoderBlock(e, l);
            x = conv(x, p + "0", 1, 1, 1); // (N, D, t) -> (N, W, t)
            int downs = config.downsT().get(l);
            for (int i = 0; i < downs; i++) {
                x = resnet(x, e, p + (1 + i) + ".0.model.", config.reverseDecoderDilation());
                String up = p + (1 + i) + ".1";
                x = Conv.transpose(x, params.get(up + ".weight"), params.get(up + ".bias"), 2, 1); // t -> 2t
            }
        }
        return conv(x, "decoders." + e + ".out", 1, 1, 1); // (N, D, T) -> (N, 1, T)
    }

    /** Resnet1D with res_scale 1, as everywhere in the VQ-VAE. */
    private NDArray resnet(NDArray x, int e, String prefix, boolean reversed) {
        int depth = config.depth(e);
        return Resnet1d.forward(x, params, prefix, depth, j -> VqVaeLayout.dilation(config, depth, j, reversed), 1f);
    }

    private NDArray conv(NDArray x, String name, int stride, int padding, int dilation) {
        return Conv.conv1d(x, params.get(name + ".weight"), params.get(name + ".bias"), stride, padding, dilation);
    }
}
