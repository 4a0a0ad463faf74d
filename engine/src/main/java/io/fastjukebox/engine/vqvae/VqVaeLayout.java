package io.fastjukebox.engine.vqvae;

import io.fastjukebox.engine.nn.ParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every tensor of a VQ-VAE with its official state-dict key and shape, in PyTorch's registration
 * order (jukebox-architecture.md sections 1.2, 1.7), plus the names the forward pass uses.
 *
 * <p>Module tree: {@code encoders.E.level_blocks.l.model.i.{0: strided conv, 1: Resnet1D}} and the
 * final conv at {@code model.<downs_t[l]>}; {@code decoders.E.level_blocks.l.model.{0: conv,
 * (1+i).0: Resnet1D, (1+i).1: ConvTranspose1d}} and {@code decoders.E.out}; a residual block's two
 * convolutions are {@code .model.1} (kernel 3, dilated) and {@code .model.3} (kernel 1);
 * codebooks are {@code bottleneck.level_blocks.E.k}.
 */
public final class VqVaeLayout {
    private VqVaeLayout() {}

    /** All tensors of the model in state-dict order. */
    public static List<ParameterSpec> specs(VqVaeConfig c) {
        List<ParameterSpec> out = new ArrayList<>();
        for (int e = 0; e < c.levels(); e++) {
            encoder(c, e, out);
        }
        for (int e = 0; e < c.levels(); e++) {
            decoder(c, e, out);
        }
        for (int e = 0; e < c.levels(); e++) {
            out.add(new ParameterSpec(codebook(e), new long[] {c.lBins(), c.embWidth()}, ParameterSpec.Kind.BUFFER, 1));
        }
        return Collections.unmodifiableList(out);
    }

    /** Key of the codebook buffer of {@code level}. */
    public static String codebook(int level) {
        return "bottleneck.level_blocks." + level + ".k";
    }

    /** Prefix of encoder {@code e}'s level block {@code l}. */
    static String encoderBlock(int e, int l) {
        return "encoders." + e + ".level_blocks." + l + ".model.";
    }

    /** Prefix of decoder {@code e}'s level block {@code l}. */
    static String decoderBlock(int e, int l) {
        return "decoders." + e + ".level_blocks." + l + ".model.";
    }

    /** Dilation of module index {@code j} of a residual stack of {@code depth} blocks. */
    static int dilation(VqVaeConfig c, int depth, int j, boolean reversed) {
        return c.dilation(reversed ? depth - 1 - j : j);
    }

    private static void encoder(VqVaeConfig c, int e, List<ParameterSpec> out) {
        int w = c.width(e);
        for (int l = 0; l <= e; l++) {
            String p = encoderBlock(e, l);
            for (int i = 0; i < c.downsT().get(l); i++) {
                int in = i > 0 ? w : l == 0 ? 1 : c.embWidth();
                add(out, ParameterSpec.conv1d(p + i + ".0", in, w, 4));
                resnet(c, e, p + i + ".1.model.", out);
            }
            add(out, ParameterSpec.conv1d(p + c.downsT().get(l), w, c.embWidth(), 3));
        }
    }

    private static void decoder(VqVaeConfig c, int e, List<ParameterSpec> out) {
        int w = c.width(e);
        for (int l = 0; l <= e; l++) {
            String p = decoderBlock(e, l);
            add(out, ParameterSpec.conv1d(p + "0", c.embWidth(), w, 3));
            int downs = c.downsT().get(l);
            for (int i = 0; i < downs; i++) {
                resnet(c, e, p + (1 + i) + ".0.model.", out);
                int outChannels = i == downs - 1 ? c.embWidth() : w;
                add(out, ParameterSpec.convTranspose1d(p + (1 + i) + ".1", w, outChannels, 4));
            }
        }
        add(out, ParameterSpec.conv1d("decoders." + e + ".out", c.embWidth(), 1, 3));
    }

    private static void resnet(VqVaeConfig c, int e, String prefix, List<ParameterSpec> out) {
        int w = c.width(e);
        int state = (int) (c.mConv() * w);
        for (int j = 0; j < c.depth(e); j++) {
            add(out, ParameterSpec.conv1d(prefix + j + ".model.1", w, state, 3));
            add(out, ParameterSpec.conv1d(prefix + j + ".model.3", state, w, 1));
        }
    }

    private static void add(List<ParameterSpec> out, ParameterSpec[] specs) {
        Collections.addAll(out, specs);
    }
}
