package io.fastjukebox.engine.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads any supported audio file (WAV, FLAC, Ogg Vorbis, MP3), recognised by content, not by name.
 *
 * <p>Every failure is an {@link IOException} whose message starts with the file name and says
 * what is wrong: missing, empty, not audio, unsupported encoding, truncated or corrupt.
 */
public final class AudioReader {
    private static final int SNIFF_BYTES = 64;

    private AudioReader() {}

    /** Decodes a whole file, keeping every channel at the file's own rate. */
    public static DecodedAudio read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new AudioFormatException(file, "not a regular file");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw new AudioFormatException(file, "empty file (0 bytes)");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(SNIFF_BYTES, size));
            while (head.hasRemaining() && ch.read(head) >= 0) {
                // fill the sniff buffer
            }
            AudioFileType type = AudioFileType.sniff(head.array());
            if (type == null) {
                throw new AudioFormatException(file, "not a supported audio file (" + AudioFileType.describeHead(head.array())
                        + "); supported: WAV, FLAC, Ogg Vorbis, MP3");
            }
            if (type == AudioFileType.WAV) {
                return WavReader.read(file);
            }
            if (size > Integer.MAX_VALUE) {
                throw new AudioFormatException(file, "compressed file larger than 2 GB is not supported");
            }
            return CodecDecoder.read(file, type, ch.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    /** Decodes a file and mixes it down to mono at the file's own rate. */
    public static AudioClip readMono(Path file) throws IOException {
        return read(file).toMono();
    }

    /** Decodes a file, mixes it down to mono and resamples it to {@code sampleRate} (the model rate). */
    public static AudioClip readMono(Path file, int sampleRate) throws IOException {
        return readMono(file).resampledTo(sampleRate);
    }
}
