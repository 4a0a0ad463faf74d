/**
 * Hierarchical generation (spec section 5): a model set (VQ-VAE + one prior per level), Jukebox's
 * windowed schedule from the top level down, the generation modes, and jobs that save their codes
 * after every window and resume exactly.
 */
package io.fastjukebox.engine.generate;
