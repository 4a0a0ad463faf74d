package io.fastjukebox.engine.vqvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.bundle.Provenance;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The loudness rule a VQ-VAE's provenance records, and the scaling it applies before encoding. */
class EncoderInputTest {

    private static Provenance provenance(String source, Map<String, Object> details) {
        return new Provenance("2026-01-01T00:00:00Z", "test", source, null, 0L, 0L, null, null, details);
    }

    private static AudioClip tone(double amplitude, int frames) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * 220 * i / 8000.0));
        }
        return new AudioClip(x, 8000);
    }

    @Test
    void aTrainedVqVaeScalesAudioToItsTrainingLoudness() {
        EncoderInput in = EncoderInput.of(provenance("trained", Map.of("train_params", Map.of("target_rms_dbfs", -20.0))));
        assertEquals(OptionalDouble.of(-20), in.targetRmsDbfs());
        assertEquals("each file scaled to -20 dBFS RMS, peak limited to 0.99", in.describe());
        assertEquals("the whole file scaled to -20 dBFS RMS, peak limited to 0.99", in.describe("the whole file"));
        for (double amplitude : new double[] {0.005, 0.05, 0.3}) {
            AudioClip out = in.prepare(tone(amplitude, 8000));
            assertEquals(-20, AudioClip.toDbfs(out.rms()), 1e-3, "amplitude " + amplitude);
        }
    }

    @Test
    void theScalingNeverClips() {
        float[] spiky = new float[8000]; // RMS far below -20 dBFS, but one full-scale click
        spiky[100] = 0.9f;
        AudioClip out = new EncoderInput(OptionalDouble.of(-20)).prepare(new AudioClip(spiky, 8000));
        assertEquals(0.99, out.peak(), 1e-6);
        assertTrue(AudioClip.toDbfs(out.rms()) < -20);
    }

    @Test
    void silenceAndImportedOrUnknownModelsKeepAudioAsItIs() {
        AudioClip silence = new AudioClip(new float[800], 8000);
        assertSame(silence, new EncoderInput(OptionalDouble.of(-20)).prepare(silence));
        AudioClip quiet = tone(0.01, 800);
        for (Provenance p : new Provenance[] {null, provenance("imported", null),
                provenance("trained", Map.of("train_params", Map.of("lr", 3e-4)))}) {
            EncoderInput in = EncoderInput.of(p);
            assertSame(EncoderInput.AS_IS, in);
            assertSame(quiet, in.prepare(quiet));
        }
        assertEquals("audio as it is (no loudness normalisation)", EncoderInput.AS_IS.describe());
        assertEquals("audio as it is (no loudness normalisation)", EncoderInput.AS_IS.describe("the whole file"));
        assertEquals("each file scaled to -23.5 dBFS RMS, peak limited to 0.99",
                new EncoderInput(OptionalDouble.of(-23.5)).describe());
    }
}
