/**
 * Neural-network plumbing shared by the VQ-VAE and the priors: named parameter sets (official
 * PyTorch state-dict names), and ops with PyTorch semantics that DJL lacks or names differently
 * (transposed convolution).
 */
package io.fastjukebox.engine.nn;
