/**
 * Opening one audio file and showing it: file facts, a waveform drawn from a min/max/mean-abs
 * summary (Sonic Visualiser's range summaries) and a mel spectrogram in dB through the magma map.
 *
 * <p>{@link io.fastjukebox.app.audioview.AudioViewModel} does the work on the engine's threads and
 * publishes results as read-only JavaFX properties; the views only bind and draw.
 */
package io.fastjukebox.app.audioview;
