/**
 * The Distill screen: a teacher prior from the model library distilled into a student of fewer layers
 * (only the sizes the engine accepts), in full, intermediate-only or MLE-baseline mode, run in the
 * studio's one engine queue with live loss curves per term, held-out metrics, cancel and exact resume;
 * the finished student joins the library and can be evaluated against its teacher (a Markdown report).
 * Each run's settings are kept next to its student ({@code STUDENT.run.json}), so History lists the
 * runs and a stopped one can be resumed in a later session.
 */
package io.fastjukebox.app.distill;
