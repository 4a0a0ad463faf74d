package io.fastjukebox.engine.audio;

import java.util.Arrays;

/** Planar float storage that grows while a stream of unknown length is decoded. */
final class PlanarBuffer {
    private float[][] data;
    private int frames;

    PlanarBuffer(int channels, int initialFrames) {
        data = new float[channels][Math.max(16, initialFrames)];
    }

    /** Makes room for {@code more} frames after the current end and returns the arrays to write into. */
    float[][] reserve(int more) {
        long needed = (long) frames + more;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("audio longer than " + (Integer.MAX_VALUE - 8) + " frames");
        }
        if (needed > data[0].length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, data[0].length * 2L));
            for (int c = 0; c < data.length; c++) {
                data[c] = Arrays.copyOf(data[c], capacity);
            }
        }
        return data;
    }

    /** Frames written so far; the next write goes here. */
    int frames() {
        return frames;
    }

    void advance(int written) {
        frames += written;
    }

    /** The samples, trimmed to the frames written. */
    float[][] toArrays() {
        float[][] out = new float[data.length][];
        for (int c = 0; c < data.length; c++) {
            out[c] = data[c].length == frames ? data[c] : Arrays.copyOf(data[c], frames);
        }
        return out;
    }
}
