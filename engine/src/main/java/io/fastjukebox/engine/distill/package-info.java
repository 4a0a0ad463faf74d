/**
 * Knowledge distillation of Jukebox priors (the Fast Jukebox method, after TinyBERT): a deep teacher
 * prior is distilled into a shallower student of the same architecture family, whose cached sampling
 * is faster in proportion to its depth.
 *
 * <p>{@link io.fastjukebox.engine.distill.StudentFactory} derives the student (fewer layers in whole
 * attention-pattern cycles, optionally a smaller width with a learned {@link
 * io.fastjukebox.engine.distill.HiddenProjection}); {@link io.fastjukebox.engine.distill.LayerMapping}
 * pairs each student layer with a teacher layer of the same pattern, spread evenly over depth;
 * {@link io.fastjukebox.engine.distill.DistillationLoss} holds the loss terms (hidden-state and
 * attention MSE, soft cross-entropy with a temperature, hard-label cross-entropy);
 * {@link io.fastjukebox.engine.distill.DistillTrainer} runs the two-phase schedule and
 * {@link io.fastjukebox.engine.distill.DistillRun} the whole resumable job. Evaluation is in
 * {@code distill.eval}.
 */
package io.fastjukebox.engine.distill;
