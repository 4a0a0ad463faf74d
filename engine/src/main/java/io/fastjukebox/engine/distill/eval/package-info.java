/**
 * Evaluation of distilled priors against their teacher (Fast Jukebox, Table 1, made quantitative):
 * parameters, layers and cached sampling speed measured side by side in one run; held-out NLL,
 * KL(teacher || student) and top-1 agreement; and the Fréchet distance between log-mel statistics of
 * fixed-seed generated audio and real audio. {@link io.fastjukebox.engine.distill.eval.Evaluation}
 * runs it and {@link io.fastjukebox.engine.distill.eval.EvalReport} writes Markdown and JSON.
 */
package io.fastjukebox.engine.distill.eval;
