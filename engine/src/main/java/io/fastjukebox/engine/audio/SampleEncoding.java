package io.fastjukebox.engine.audio;

/** How one sample is stored in a PCM byte stream. */
public enum SampleEncoding {
    /** Unsigned integers with a mid-scale offset (8-bit WAV). */
    PCM_UNSIGNED("unsigned PCM"),
    /** Two's-complement integers. */
    PCM_SIGNED("PCM"),
    /** IEEE 754 floats (32 or 64 bit). */
    PCM_FLOAT("float");

    private final String label;

    SampleEncoding(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
