/**
 * The Compare screen (Sonic Visualiser's conventions): stacked waveform + mel panes of two or more
 * clips on one shared time axis with linked zoom and scroll, one playhead, click-to-solo, a fixed
 * shared dB range and a choice of perceptually uniform colour maps.
 */
package io.fastjukebox.app.compare;
