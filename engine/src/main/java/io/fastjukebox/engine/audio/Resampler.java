package io.fastjukebox.engine.audio;

/**
 * Band-limited sample-rate conversion of mono audio.
 *
 * <p>Uses TarsosDSP's port of libresample in its high-quality mode: a Kaiser-windowed sinc
 * low-pass (beta 6, 35 zero crossings, cut-off at 90% of the lower Nyquist) evaluated at the
 * exact fractional position of every output sample. Its measured quality is pinned by
 * {@code ResamplerTest}: a pass-band sine keeps its frequency and its amplitude within 0.1 dB,
 * and a tone above the new Nyquist frequency aliases at least 60 dB down.
 */
public final class Resampler {

    private Resampler() {}

    /**
     * Resamples {@code input} from {@code fromRate} to {@code toRate}.
     *
     * <p>Output sample {@code k} lies at input time {@code k * fromRate / toRate} (no delay), and the
     * output has {@code ceil(input.length * toRate / fromRate)} samples.
     */
    public static float[] resample(float[] input, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, got " + fromRate + " -> " + toRate);
        }
        if (fromRate == toRate) {
            return input.clone();
        }
        long outLength = (long) Math.ceil(input.length * (double) toRate / fromRate);
        if (outLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled length " + outLength + " is too long");
        }
        double factor = toRate / (double) fromRate;
        be.tarsos.dsp.resample.Resampler session = new be.tarsos.dsp.resample.Resampler(true, factor, factor);
        float[] out = new float[(int) outLength];
        int consumed = 0;
        int produced = 0;
        float[] scratch = new float[1 << 16];
        while (produced < outLength) {
            be.tarsos.dsp.resample.Resampler.Result r = session.process(
                    factor, input, consumed, input.length - consumed, true, scratch, 0, scratch.length);
            consumed += r.inputSamplesConsumed;
            int keep = (int) Math.min(r.outputSamplesGenerated, outLength - produced);
            System.arraycopy(scratch, 0, out, produced, keep);
            produced += keep;
            if (r.inputSamplesConsumed == 0 && r.outputSamplesGenerated == 0) {
                break; // fully drained; anything left stays zero (only ever the final fraction of a sample)
            }
        }
        return out;
    }
}
