/**
 * The Generate screen: duration, candidates, seed (with a dice), per-level temperature and hop
 * fraction, top-k/top-p and an optional trimmed prompt, checked field by field before any work;
 * jobs run in the background queue with one progress bar per level.
 */
package io.fastjukebox.app.generate;
