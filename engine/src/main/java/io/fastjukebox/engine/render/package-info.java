/**
 * Pictures of audio for people and scripts: colour maps shared with the studio, and the
 * mel-spectrogram PNG written by {@code fastjukebox audio mel}. Uses java.awt imaging only
 * (headless), never JavaFX.
 */
package io.fastjukebox.engine.render;
