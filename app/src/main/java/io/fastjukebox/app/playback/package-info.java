/**
 * Playback: one player and one playhead for the whole studio, through the machine's audio device
 * (Java Sound), degrading to a clear message when there is none (javafx-notes section 4).
 */
package io.fastjukebox.app.playback;
