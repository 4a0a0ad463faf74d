package io.fastjukebox.engine.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import javax.sound.sampled.spi.AudioFileReader;
import javax.sound.sampled.spi.FormatConversionProvider;

/**
 * Decodes FLAC and MP3 through their pure-Java sound SPIs (jflac, mp3spi), and Ogg Vorbis through
 * {@link VorbisDecoder}; runs the container checks first and turns decoder failures into errors
 * that name the file.
 *
 * <p>The reader and converter of each codec are called directly, not through {@code AudioSystem},
 * so the file type found by sniffing decides which decoder runs (mp3spi would otherwise happily
 * "decode" arbitrary bytes). FLAC is decoded at its own bit depth: jflac throws when asked to
 * convert 24-bit to 16-bit (audio-notes.md).
 */
final class CodecDecoder {
    private static final int BLOCK_FRAMES = 8192;

    private CodecDecoder() {}

    static DecodedAudio read(Path file, AudioFileType type, ByteBuffer wholeFile) throws IOException {
        long expectedFrames = switch (type) {
            case FLAC -> flacTotalSamples(file, wholeFile);
            case OGG_VORBIS -> {
                OggPages.check(file, wholeFile);
                yield -1;
            }
            case MP3 -> {
                Mp3Frames.check(file, wholeFile);
                yield 0;
            }
            case WAV -> throw new IllegalArgumentException("WAV is read by WavReader");
        };
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (type == AudioFileType.OGG_VORBIS) {
                return VorbisDecoder.decode(file, wholeFile);
            }
            return decode(file, type, in, expectedFrames, wholeFile);
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFormatException(file, "the " + type.label() + " decoder rejected the file: " + e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AudioFormatException(file, "corrupt " + type.label() + " data (" + e + ")", e);
        } catch (OutOfMemoryError e) {
            throw new AudioFormatException(file, "not enough memory to decode this " + type.label() + " file", e);
        }
    }

    private static DecodedAudio decode(Path file, AudioFileType type, InputStream in, long expectedFrames,
            ByteBuffer wholeFile)
            throws IOException, UnsupportedAudioFileException {
        AudioInputStream encoded = reader(type).getAudioInputStream(in);
        AudioFormat source = encoded.getFormat();
        int channels = source.getChannels();
        int bits = type == AudioFileType.FLAC ? source.getSampleSizeInBits() : 16;
        if (channels < 1 || source.getSampleRate() <= 0 || bits < 8 || bits > 32 || bits % 8 != 0) {
            throw new AudioFormatException(file, String.format(java.util.Locale.ROOT,
                    "unsupported %s stream: %d channels, %.0f Hz, %d-bit", type.label(), channels,
                    source.getSampleRate(), bits));
        }
        AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, source.getSampleRate(), bits, channels,
                channels * bits / 8, source.getSampleRate(), false);
        try (AudioInputStream pcm = converter(type).getAudioInputStream(target, encoded)) {
            AudioFormat out = pcm.getFormat();
            PcmUnpacker unpacker = new PcmUnpacker(SampleEncoding.PCM_SIGNED, bits / 8, out.isBigEndian(), channels);
            int sampleRate = Math.round(source.getSampleRate());
            float[][] samples = readAll(pcm, unpacker, channels, expectedFrames);
            if (type == AudioFileType.MP3) {
                samples = trimGapless(samples, Mp3Frames.gapless(wholeFile));
            }
            long frames = samples[0].length;
            if (frames == 0) {
                throw new AudioFormatException(file, type.label() + " file decoded to no audio");
            }
            if (expectedFrames > 0 && frames < expectedFrames) {
                throw new AudioFormatException(file, String.format(java.util.Locale.ROOT,
                        "truncated %s: the header declares %d frames but only %d decode (%.0f%%)",
                        type.label(), expectedFrames, frames, 100.0 * frames / expectedFrames));
            }
            SampleEncoding encoding = SampleEncoding.PCM_SIGNED;
            AudioFileInfo info = new AudioFileInfo(type, encoding, bits, sampleRate, channels, frames, wholeFile.limit());
            return new DecodedAudio(info, samples);
        }
    }

    private static float[][] readAll(AudioInputStream pcm, PcmUnpacker unpacker, int channels, long expected)
            throws IOException {
        int frameBytes = unpacker.frameBytes();
        PlanarBuffer buffer = new PlanarBuffer(channels, (int) Math.min(expected, Integer.MAX_VALUE - 8));
        byte[] block = new byte[BLOCK_FRAMES * frameBytes];
        int pending = 0;
        while (true) {
            int n = pcm.read(block, pending, block.length - pending);
            if (n < 0) {
                break;
            }
            pending += n;
            int frames = pending / frameBytes;
            if (frames > 0) {
                unpacker.unpack(block, 0, frames, buffer.reserve(frames), buffer.frames());
                buffer.advance(frames);
                int used = frames * frameBytes;
                System.arraycopy(block, used, block, 0, pending - used);
                pending -= used;
            }
        }
        return buffer.toArrays();
    }

    /** Drops the MP3 encoder and decoder delay and the encoder's padding, when the file records them. */
    private static float[][] trimGapless(float[][] samples, Mp3Frames.Gapless gapless) {
        if (gapless == null) {
            return samples;
        }
        int n = samples[0].length;
        int from = Math.min(n, gapless.skip());
        int to = gapless.length() < 0 ? n : (int) Math.min(n, from + gapless.length());
        float[][] out = new float[samples.length][];
        for (int c = 0; c < samples.length; c++) {
            out[c] = java.util.Arrays.copyOfRange(samples[c], from, to);
        }
        return out;
    }

    /** Total samples per channel from the FLAC STREAMINFO block (0 when the encoder did not know). */
    private static long flacTotalSamples(Path file, ByteBuffer b) throws AudioFormatException {
        // "fLaC", then a 4-byte metadata block header; STREAMINFO (type 0) must come first, 34 bytes.
        if (b.limit() < 8 + 34 || (b.get(4) & 0x7f) != 0) {
            throw new AudioFormatException(file, "corrupt FLAC: missing STREAMINFO block");
        }
        int at = 8 + 13; // the 36-bit total sample count starts in the low 4 bits of byte 13
        long total = b.get(at) & 0x0fL;
        for (int i = 1; i <= 4; i++) {
            total = (total << 8) | (b.get(at + i) & 0xff);
        }
        return total;
    }

    private static AudioFileReader reader(AudioFileType type) {
        return switch (type) {
            case FLAC -> new org.jflac.sound.spi.FlacAudioFileReader();
            case MP3 -> new javazoom.spi.mpeg.sampled.file.MpegAudioFileReader();
            case WAV, OGG_VORBIS -> throw new IllegalArgumentException(type.label());
        };
    }

    private static FormatConversionProvider converter(AudioFileType type) {
        return switch (type) {
            case FLAC -> new org.jflac.sound.spi.FlacFormatConversionProvider();
            case MP3 -> new javazoom.spi.mpeg.sampled.convert.MpegFormatConversionProvider();
            case WAV, OGG_VORBIS -> throw new IllegalArgumentException(type.label());
        };
    }
}
