/**
 * Drawing codes from priors: sampling settings, the logits filter and seeded token draws, and the
 * cached autoregressive sampler for one window.
 */
package io.fastjukebox.engine.sampling;
