/**
 * The pure-Java audio layer: decoding (WAV, FLAC, Ogg Vorbis, MP3), mono mix-down, band-limited
 * resampling, atomic WAV writing, librosa-compatible mel spectrograms and waveform summaries.
 *
 * <p>Everything here works on plain float arrays with no DJL and no JavaFX, so it is fast to test
 * and the studio can use it directly. Every reader treats files as untrusted input: failures are
 * {@link java.io.IOException}s that name the file and the problem.
 */
package io.fastjukebox.engine.audio;
