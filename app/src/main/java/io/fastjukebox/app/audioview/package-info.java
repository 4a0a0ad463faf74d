/**
 * Showing audio: one clip's facts, a waveform drawn from a min/max/mean-abs summary pyramid (Sonic
 * Visualiser's range summaries) and a mel spectrogram on a fixed dB scale (0 dB = a full-scale
 * sine) from a {@link io.fastjukebox.app.audioview.MelPyramid}, both drawing the visible range of
 * a {@link io.fastjukebox.app.audioview.TimeAxis} that several panes can share (linked zoom,
 * scroll and playhead).
 *
 * <p>{@link io.fastjukebox.app.audioview.AudioViewModel} does the work on background threads and
 * publishes results as read-only JavaFX properties; the views only bind and draw.
 */
package io.fastjukebox.app.audioview;
