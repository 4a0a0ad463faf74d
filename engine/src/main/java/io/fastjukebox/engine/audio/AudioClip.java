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
