/**
 * The hierarchical VQ-VAE of Jukebox (Dhariwal et al., 2020): per-level convolutional encoders and
 * decoders with dilated residual stacks, and one EMA-learned codebook per level. Tensor names follow
 * the official state dict (jukebox-architecture.md sections 1.2 and 1.7), so official and our own
 * checkpoints load into the same code.
 */
package io.fastjukebox.engine.vqvae;
