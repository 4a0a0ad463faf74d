/**
 * Background engine jobs for the studio: the {@link io.fastjukebox.app.jobs.JobQueue} runs one
 * generation, upsampling, distillation or evaluation at a time, and the {@link io.fastjukebox.app.jobs.UiBridge} is the one
 * throttled path from worker threads to the JavaFX thread (house style: never one
 * {@code runLater} per token).
 */
package io.fastjukebox.app.jobs;
