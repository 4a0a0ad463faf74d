package io.fastjukebox.engine.audio;

/**
 * Converts interleaved PCM bytes into planar floats in [-1, 1].
 *
 * <p>Integer samples are scaled by their container width (a 20-bit sample in a 24-bit container is
 * left-justified, as WAV requires, so the same scale applies). 8-bit samples are unsigned in WAV
 * and signed elsewhere; the encoding says which.
 */
final class PcmUnpacker {
    private final SampleEncoding encoding;
    private final int bytesPerSample;
    private final boolean bigEndian;
    private final int channels;
    private final double scale;

    PcmUnpacker(SampleEncoding encoding, int bytesPerSample, boolean bigEndian, int channels) {
        boolean ok = switch (encoding) {
            case PCM_UNSIGNED -> bytesPerSample == 1;
            case PCM_SIGNED -> bytesPerSample >= 1 && bytesPerSample <= 4;
            case PCM_FLOAT -> bytesPerSample == 4 || bytesPerSample == 8;
        };
        if (!ok) {
            throw new IllegalArgumentException(encoding.label() + " with " + 8 * bytesPerSample + "-bit samples");
        }
        if (channels < 1) {
            throw new IllegalArgumentException(channels + " channels");
        }
        this.encoding = encoding;
        this.bytesPerSample = bytesPerSample;
        this.bigEndian = bigEndian;
        this.channels = channels;
        this.scale = 1.0 / (1L << (8 * bytesPerSample - 1));
    }

    /** Bytes in one interleaved frame. */
    int frameBytes() {
        return bytesPerSample * channels;
    }

    /** Unpacks {@code frames} frames from {@code in[offset..]} into {@code out[c][outFrame..]}. */
    void unpack(byte[] in, int offset, int frames, float[][] out, int outFrame) {
        int p = offset;
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                out[c][outFrame + f] = sample(in, p);
                p += bytesPerSample;
            }
        }
    }

    private float sample(byte[] b, int p) {
        return switch (encoding) {
            case PCM_UNSIGNED -> ((b[p] & 0xff) - 128) / 128f;
            case PCM_SIGNED -> (float) (signedInt(b, p) * scale);
            case PCM_FLOAT -> bytesPerSample == 4
                    ? Float.intBitsToFloat((int) rawBits(b, p))
                    : (float) Double.longBitsToDouble(rawBits(b, p));
        };
    }

    private long signedInt(byte[] b, int p) {
        long raw = rawBits(b, p);
        int shift = 64 - 8 * bytesPerSample;
        return (raw << shift) >> shift;
    }

    private long rawBits(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < bytesPerSample; i++) {
            int idx = bigEndian ? p + i : p + bytesPerSample - 1 - i;
            v = (v << 8) | (b[idx] & 0xff);
        }
        return v;
    }
}
