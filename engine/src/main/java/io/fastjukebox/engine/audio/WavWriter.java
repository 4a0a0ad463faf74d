package io.fastjukebox.engine.audio;

import io.fastjukebox.engine.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Writes WAV files atomically (temp file + rename): a reader never sees a half-written file. */
public final class WavWriter {

    /** The sample formats written. */
    public enum Encoding {
        /** 16-bit PCM; samples are rounded to the nearest step and clipped to the 16-bit range. */
        PCM_16(1, 16),
        /** 32-bit IEEE float; samples are stored as they are. */
        FLOAT_32(3, 32);

        private final int formatTag;
        private final int bits;

        Encoding(int formatTag, int bits) {
            this.formatTag = formatTag;
            this.bits = bits;
        }
    }

    private WavWriter() {}

    /** Writes a mono clip. */
    public static void write(Path file, AudioClip clip, Encoding encoding) throws IOException {
        write(file, new float[][] {clip.samples()}, clip.sampleRate(), encoding);
    }

    /** Writes planar channels {@code channels[c][frame]}, all of the same length. */
    public static void write(Path file, float[][] channels, int sampleRate, Encoding encoding) throws IOException {
        if (channels.length == 0 || channels.length > 65535) {
            throw new IllegalArgumentException("cannot write " + channels.length + " channels");
        }
        int frames = channels[0].length;
        for (float[] ch : channels) {
            if (ch.length != frames) {
                throw new IllegalArgumentException("channels differ in length: " + ch.length + " vs " + frames);
            }
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        int bytesPerSample = encoding.bits / 8;
        long dataBytes = (long) frames * channels.length * bytesPerSample;
        boolean isFloat = encoding == Encoding.FLOAT_32;
        long riffSize = 4 + (8 + 16) + (isFloat ? 12 : 0) + 8 + dataBytes + (dataBytes & 1);
        if (riffSize > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("audio too long for a WAV file (" + dataBytes + " data bytes)");
        }
        AtomicFiles.write(file, out -> {
            out.write(header(channels.length, sampleRate, encoding, frames, dataBytes, riffSize));
            writeSamples(out, channels, encoding);
            if ((dataBytes & 1) != 0) {
                out.write(0);
            }
        });
    }

    private static byte[] header(int channels, int rate, Encoding e, long frames, long dataBytes, long riffSize) {
        int blockAlign = channels * e.bits / 8;
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) riffSize);
        b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) e.formatTag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign);
        b.putShort((short) blockAlign).putShort((short) e.bits);
        if (e == Encoding.FLOAT_32) {
            // Non-PCM formats carry a fact chunk with the frame count (RIFF spec).
            b.put("fact".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(4).putInt((int) frames);
        }
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static void writeSamples(OutputStream out, float[][] channels, Encoding e) throws IOException {
        int frames = channels[0].length;
        int bytesPerFrame = channels.length * e.bits / 8;
        int framesPerBlock = Math.max(1, (1 << 16) / bytesPerFrame);
        ByteBuffer buf = ByteBuffer.allocate(framesPerBlock * bytesPerFrame).order(ByteOrder.LITTLE_ENDIAN);
        for (int f0 = 0; f0 < frames; f0 += framesPerBlock) {
            buf.clear();
            int f1 = Math.min(frames, f0 + framesPerBlock);
            for (int f = f0; f < f1; f++) {
                for (float[] ch : channels) {
                    if (e == Encoding.FLOAT_32) {
                        buf.putFloat(ch[f]);
                    } else {
                        buf.putShort(toPcm16(ch[f]));
                    }
                }
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    /**
     * Scales by 32768 (the reader's divisor, so 16-bit files round-trip bit for bit), rounds, and
     * clips to the 16-bit range; NaN becomes 0.
     */
    static short toPcm16(float s) {
        if (Float.isNaN(s)) {
            return 0;
        }
        long code = Math.round(s * 32768.0);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, code));
    }
}
