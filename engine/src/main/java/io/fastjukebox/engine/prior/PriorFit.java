package io.fastjukebox.engine.prior;

import io.fastjukebox.engine.vqvae.VqVaeConfig;

/** Whether a prior models a given level of a given VQ-VAE: same level, vocabulary and (for upsamplers) rate ratio. */
public final class PriorFit {
    private PriorFit() {}

    /** Fails with a message naming the mismatch unless {@code prior} fits level {@code level} of {@code vqvae}. */
    public static void check(PriorConfig prior, VqVaeConfig vqvae, int level) {
        if (prior.level() != level) {
            throw new IllegalArgumentException("the prior config is for level " + prior.level() + ", not level " + level);
        }
        if (prior.bins() != vqvae.lBins()) {
            throw new IllegalArgumentException("the prior's vocabulary " + prior.bins() + " differs from the VQ-VAE's "
                    + vqvae.lBins() + " codes");
        }
        if (level == vqvae.levels() - 1 && prior.isUpsampler()) {
            throw new IllegalArgumentException("level " + level + " is the top level: use a prior without a conditioner");
        }
        if (level < vqvae.levels() - 1) {
            if (!prior.isUpsampler()) {
                throw new IllegalArgumentException("level " + level + " is below the top: the prior needs a conditioner");
            }
            int ratio = vqvae.hopLength(level + 1) / vqvae.hopLength(level);
            if (prior.conditioner().upsampling() != ratio || prior.conditioner().bins() != vqvae.lBins()) {
                throw new IllegalArgumentException("the conditioner upsamples x" + prior.conditioner().upsampling() + " from "
                        + prior.conditioner().bins() + " codes; the VQ-VAE needs x" + ratio + " from " + vqvae.lBins());
            }
        }
    }
}
