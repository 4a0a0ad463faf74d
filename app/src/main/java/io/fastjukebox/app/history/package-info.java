/**
 * The History screen: every generation job of the workspace with its settings, seed, models,
 * timings and outputs, reloadable into Candidates and Compare, and resumable when it stopped; and
 * every distillation run, resumable on the Distill screen.
 */
package io.fastjukebox.app.history;
