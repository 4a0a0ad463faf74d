package io.fastjukebox.engine.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Pins the resampler's quality: pass-band fidelity and stop-band (anti-aliasing) rejection. */
class ResamplerTest {

    @ParameterizedTest(name = "{1} Hz sine, {0} -> {2} Hz")
    @CsvSource({"44100, 1000, 22050", "22050, 440, 44100", "44100, 5000, 16000", "48000, 3000, 44100", "16000, 200, 22050"})
    void passBandSineKeepsFrequencyAndAmplitudeWithinATenthOfADecibel(int from, double hz, int to) {
        float[] in = Signals.sine(hz, from, from, 0.5); // one second
        float[] out = Resampler.resample(in, from, to);

        // Fit away from the edges, where the filter sees the implicit zeros around the signal.
        double[] fit = Signals.fitSine(out, to, hz, to / 10, to - to / 10);
        double gainDb = Signals.db(fit[0] / 0.5);
        assertTrue(Math.abs(gainDb) <= 0.1, "amplitude changed by " + gainDb + " dB");
        // A frequency error would leave a large residual; -60 dB below the tone means it is the same sine.
        assertTrue(Signals.db(fit[1] / (0.5 / Math.sqrt(2))) < -60, "residual " + Signals.db(fit[1] / 0.354) + " dB");
    }

    @ParameterizedTest(name = "{1} Hz tone, {0} -> {2} Hz")
    @CsvSource({"44100, 15000, 22050", "44100, 12000, 22050", "48000, 9000, 16000", "44100, 20000, 32000"})
    void toneAboveTheNewNyquistIsRejectedByAtLeastSixtyDecibels(int from, double hz, int to) {
        float[] in = Signals.sine(hz, from, from, 0.5);
        float[] out = Resampler.resample(in, from, to);
        double inRms = 0.5 / Math.sqrt(2);
        double outRms = Signals.rms(out, to / 10, to - to / 10);
        double rejection = Signals.db(outRms / inRms);
        assertTrue(rejection <= -60, "alias only " + rejection + " dB down");
    }

    @Test
    void outputLengthIsTheCeilingOfTheScaledLength() {
        assertEquals(11025, Resampler.resample(new float[22050], 44100, 22050).length);
        assertEquals(7, Resampler.resample(new float[13], 44100, 22050).length);
        assertEquals(16000, Resampler.resample(new float[44100], 44100, 16000).length);
        assertEquals(0, Resampler.resample(new float[0], 44100, 22050).length);
        assertEquals(44100, Resampler.resample(new float[22050], 22050, 44100).length);
    }

    @Test
    void outputIsNotDelayed() {
        // A click at 0.5 s must still peak at 0.5 s after resampling.
        float[] in = new float[44100];
        in[22050] = 1f;
        float[] out = Resampler.resample(in, 44100, 22050);
        int peak = 0;
        for (int i = 0; i < out.length; i++) {
            if (Math.abs(out[i]) > Math.abs(out[peak])) {
                peak = i;
            }
        }
        assertEquals(11025, peak);
    }

    @Test
    void sameRateIsACopy() {
        float[] in = {0.1f, -0.2f};
        float[] out = Resampler.resample(in, 22050, 22050);
        assertEquals(in[1], out[1]);
        assertTrue(in != out);
    }

    @Test
    void rejectsNonPositiveRates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Resampler.resample(new float[4], 0, 22050));
        assertTrue(e.getMessage().contains("0 -> 22050"), e.getMessage());
    }
}
