package io.fastjukebox.engine.audio;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Walks the MPEG audio frames of an MP3 file before it is decoded, so that a file that is not
 * really MP3, or that was cut off inside a frame, gets a clear error instead of a short decode.
 */
final class Mp3Frames {
    private static final int[][] BITRATES_V1 = {
        {32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // layer I
        {32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384}, // layer II
        {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}, // layer III
    };
    private static final int[][] BITRATES_V2 = {
        {32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
        {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };
    private static final int[][] RATES = {{11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000}, {44100, 48000, 32000}};

    /** Output delay of the MPEG layer III synthesis filter bank, in samples (LAME's documented 528 + 1). */
    static final int DECODER_DELAY = 529;

    /**
     * Where the encoded audio lies in the decoder's output, from a LAME/Xing "Info" tag.
     *
     * @param skip output samples to drop at the start (the tag frame, the encoder delay, the decoder delay)
     * @param length samples of real audio after that ({@code -1} when the encoder did not record padding)
     */
    record Gapless(int skip, long length) {}

    private Mp3Frames() {}

    /**
     * Reads the Xing/Info tag of the first frame, as written by LAME and FFmpeg, which lets the
     * decoded output be trimmed to exactly the encoded samples (gapless playback).
     *
     * @return the trim, or {@code null} if the first frame carries no such tag
     */
    static Gapless gapless(ByteBuffer b) {
        int p = skipId3v2(b);
        if (p + 4 > b.limit() || frameLength(b.get(p), b.get(p + 1), b.get(p + 2)) <= 0) {
            return null;
        }
        int b1 = b.get(p + 1);
        int version = (b1 >> 3) & 3;
        int layer = (b1 >> 1) & 3;
        boolean crc = (b1 & 1) == 0;
        boolean mono = ((b.get(p + 3) >> 6) & 3) == 3;
        int sideInfo = version == 3 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        int samplesPerFrame = layer == 3 ? 384 : layer == 1 && version != 3 ? 576 : 1152;
        int tag = p + 4 + (crc ? 2 : 0) + sideInfo;
        if (tag + 8 > b.limit() || !(ascii(b, tag, "Xing") || ascii(b, tag, "Info"))) {
            return null;
        }
        int flags = b.getInt(tag + 4);
        int at = tag + 8;
        long frames = -1;
        if ((flags & 1) != 0 && at + 4 <= b.limit()) {
            frames = b.getInt(at) & 0xffffffffL;
        }
        at += ((flags & 1) != 0 ? 4 : 0) + ((flags & 2) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 100 : 0) + ((flags & 8) != 0 ? 4 : 0);
        boolean encoderTag = at + 24 <= b.limit() && (ascii(b, at, "LAME") || ascii(b, at, "Lavf") || ascii(b, at, "Lavc"));
        if (!encoderTag) {
            return new Gapless(samplesPerFrame + DECODER_DELAY, -1);
        }
        int d = (b.get(at + 21) & 0xff) << 16 | (b.get(at + 22) & 0xff) << 8 | (b.get(at + 23) & 0xff);
        int delay = d >> 12;
        int padding = d & 0xfff;
        long length = frames < 0 ? -1 : Math.max(0, frames * samplesPerFrame - delay - padding);
        return new Gapless(samplesPerFrame + delay + DECODER_DELAY, length);
    }

    private static boolean ascii(ByteBuffer b, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b.get(at + i) != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a plausible (not free-format, not reserved) frame header starts at {@code off}. */
    static boolean isFrameHeader(byte[] b, int off) {
        return b.length >= off + 4 && frameLength(b[off], b[off + 1], b[off + 2]) > 0;
    }

    /**
     * Checks the frame sequence of a whole file.
     *
     * @throws AudioFormatException if no run of frames is found, or the last frame runs past the end
     */
    static void check(Path file, ByteBuffer bytes) throws AudioFormatException {
        int size = bytes.limit();
        int p = skipId3v2(bytes);
        int frames = 0;
        while (p + 4 <= size) {
            int len = frameLength(bytes.get(p), bytes.get(p + 1), bytes.get(p + 2));
            if (len <= 0) {
                if (frames == 0) {
                    throw new AudioFormatException(file, "not an MP3 stream (no MPEG audio frame at byte " + p + ")");
                }
                return; // trailing tag (ID3v1, APE, Lyrics) or junk after the audio: leave it to the decoder
            }
            if (p + len > size) {
                throw new AudioFormatException(file, "truncated MP3: frame " + (frames + 1) + " needs " + len
                        + " bytes but only " + (size - p) + " remain");
            }
            frames++;
            p += len;
        }
        if (frames == 0) {
            throw new AudioFormatException(file, "MP3 file contains no audio frames");
        }
    }

    private static int skipId3v2(ByteBuffer b) {
        if (b.limit() < 10 || b.get(0) != 'I' || b.get(1) != 'D' || b.get(2) != '3') {
            return 0;
        }
        int size = (b.get(6) & 0x7f) << 21 | (b.get(7) & 0x7f) << 14 | (b.get(8) & 0x7f) << 7 | (b.get(9) & 0x7f);
        boolean footer = (b.get(5) & 0x10) != 0;
        return 10 + size + (footer ? 10 : 0);
    }

    /** Frame length in bytes from the first three header bytes, or -1 if they are not a valid header. */
    private static int frameLength(byte b0, byte b1, byte b2) {
        if ((b0 & 0xff) != 0xff || (b1 & 0xe0) != 0xe0) {
            return -1;
        }
        int version = (b1 >> 3) & 3; // 0 = MPEG 2.5, 1 = reserved, 2 = MPEG 2, 3 = MPEG 1
        int layer = (b1 >> 1) & 3; // 1 = III, 2 = II, 3 = I
        int bitrateIndex = (b2 >> 4) & 0xf;
        int rateIndex = (b2 >> 2) & 3;
        int padding = (b2 >> 1) & 1;
        if (version == 1 || layer == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return -1;
        }
        int layerRow = 3 - layer; // 0 = I, 1 = II, 2 = III
        int kbps = (version == 3 ? BITRATES_V1 : BITRATES_V2)[layerRow][bitrateIndex - 1];
        int rate = RATES[version][rateIndex];
        if (layerRow == 0) {
            return (12 * kbps * 1000 / rate + padding) * 4;
        }
        int coefficient = layerRow == 2 && version != 3 ? 72 : 144;
        return coefficient * kbps * 1000 / rate + padding;
    }
}
