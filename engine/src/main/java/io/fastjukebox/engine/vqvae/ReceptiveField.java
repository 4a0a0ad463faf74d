package io.fastjukebox.engine.vqvae;

/**
 * How far, in audio samples, one output of a level's encoder or decoder can see on either side.
 * Chunked encoding and decoding add this much context around each chunk, which makes the chunked
 * result equal to a single pass over the whole clip.
 */
final class ReceptiveField {
    private ReceptiveField() {}

    /** Radius in samples of {@code encoders[e]}. */
    static long encoderRadius(VqVaeConfig c, int e) {
        long radius = 0;
        long scale = 1; // samples per position at the current layer's input
        for (int l = 0; l <= e; l++) {
            for (int i = 0; i < c.downsT().get(l); i++) {
                radius += 2 * scale; // kernel 4, stride 2, padding 1: inputs 2o-1 .. 2o+2
                scale *= 2;
                radius += resnetRadius(c, e) * scale;
            }
            radius += scale; // kernel 3
        }
        return radius;
    }

    /** Radius in samples of {@code decoders[e]}. */
    static long decoderRadius(VqVaeConfig c, int e) {
        long radius = 0;
        long scale = c.hopLength(e); // samples per code at the decoder's input
        for (int l = e; l >= 0; l--) {
            radius += scale; // kernel 3
            for (int i = 0; i < c.downsT().get(l); i++) {
                radius += resnetRadius(c, e) * scale;
                radius += scale; // transposed conv: output t sees inputs (t-2)/2 .. (t+1)/2
                scale /= 2;
            }
        }
        return radius + 1; // the kernel-3 output conv
    }

    private static long resnetRadius(VqVaeConfig c, int e) {
        long r = 0;
        for (int j = 0; j < c.depth(e); j++) {
            r += c.dilation(j); // each kernel-3 dilated conv reaches d positions each way
        }
        return r;
    }
}
