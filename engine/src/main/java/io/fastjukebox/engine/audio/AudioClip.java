package io.fastjukebox.engine.audio;

/**
 * Mono audio as floats in [-1, 1] at a known sample rate: the unit the models, the mel views and
 * the writers work on.
 *
 * @param samples the samples; not copied, so treat as read-only once shared
 * @param sampleRate frames per second, positive
 */
public record AudioClip(float[] samples, int sampleRate) {

    public AudioClip {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    /** Number of samples. */
    public int frames() {
        return samples.length;
    }

    /** Duration in seconds. */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /** Largest absolute sample value. */
    public double peak() {
        double peak = 0;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }

    /** Root mean square of the samples (0 for an empty clip). */
    public double rms() {
        if (samples.length == 0) {
            return 0;
        }
        double sum = 0;
        for (float s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / samples.length);
    }

    /**
     * The gain that brings this clip's RMS to {@code targetRmsDbfs} without taking its peak past 0.99
     * (no clipping): the loudness normalisation of training data and of audio to be encoded. 1 for silence.
     */
    public double normalisingGain(double targetRmsDbfs) {
        double rms = rms();
        if (rms == 0) {
            return 1;
        }
        return Math.min(Math.pow(10, targetRmsDbfs / 20) / rms, 0.99 / peak());
    }

    /** This clip scaled by {@link #normalisingGain}; itself when that is 1 (e.g. silence). */
    public AudioClip normalisedTo(double targetRmsDbfs) {
        return scaled(normalisingGain(targetRmsDbfs));
    }

    /** This clip with every sample multiplied by {@code gain}; itself when that is 1. */
    public AudioClip scaled(double gain) {
        if (gain == 1) {
            return this;
        }
        float[] out = new float[samples.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (samples[i] * gain);
        }
        return new AudioClip(out, sampleRate);
    }

    /** This clip at another rate, through the band-limited {@link Resampler}; itself if the rate matches. */
    public AudioClip resampledTo(int targetRate) {
        if (targetRate == sampleRate) {
            return this;
        }
        return new AudioClip(Resampler.resample(samples, sampleRate, targetRate), targetRate);
    }

    /** Converts a linear amplitude to dBFS ({@code -Infinity} for silence). */
    public static double toDbfs(double amplitude) {
        return 20 * Math.log10(amplitude);
    }
}
