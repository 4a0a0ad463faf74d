package io.fastjukebox.engine.audio;

/**
 * What a decoded file was, before any mix-down or resampling.
 *
 * @param type the container
 * @param encoding how the decoder delivered samples (for WAV and FLAC, how the file stores them)
 * @param bitsPerSample bits per stored sample for WAV and FLAC; for lossy codecs the decoder's output depth
 * @param sampleRate frames per second
 * @param channels channel count
 * @param frames frames decoded (for MP3 this includes the encoder's padding)
 * @param fileBytes the file's size in bytes
 */
public record AudioFileInfo(
        AudioFileType type,
        SampleEncoding encoding,
        int bitsPerSample,
        int sampleRate,
        int channels,
        long frames,
        long fileBytes) {

    /** Duration in seconds. */
    public double durationSeconds() {
        return frames / (double) sampleRate;
    }

    /** A one-line description, e.g. {@code WAV, PCM 16-bit}. */
    public String formatDescription() {
        return switch (type) {
            case WAV, FLAC -> type.label() + ", " + encoding.label() + " " + bitsPerSample + "-bit";
            case OGG_VORBIS, MP3 -> type.label() + " (lossy; decoded to "
                    + (encoding == SampleEncoding.PCM_FLOAT ? "float" : bitsPerSample + "-bit PCM") + ")";
        };
    }
}
