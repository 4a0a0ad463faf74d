package io.fastjukebox.app.audioview;

/**
 * A labelled frequency on the mel spectrogram's vertical axis.
 *
 * @param fraction height from the bottom of the picture, in (0, 1)
 * @param label what to print, e.g. {@code 2 kHz}
 */
public record FrequencyTick(double fraction, String label) {}
