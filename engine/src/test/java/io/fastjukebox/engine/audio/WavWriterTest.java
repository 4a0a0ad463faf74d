package io.fastjukebox.engine.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {
    @TempDir
    Path dir;

    @Test
    void pcm16RoundTripsBitForBit() throws IOException {
        Random rng = new Random(7);
        float[] codes = new float[5000];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (rng.nextInt(65536) - 32768) / 32768f; // exactly representable 16-bit values
        }
        Path file = dir.resolve("a.wav");
        WavWriter.write(file, new AudioClip(codes, 22050), WavWriter.Encoding.PCM_16);
        DecodedAudio back = AudioReader.read(file);
        assertEquals(SampleEncoding.PCM_SIGNED, back.info().encoding());
        assertEquals(16, back.info().bitsPerSample());
        assertEquals(22050, back.info().sampleRate());
        assertArrayEquals(codes, back.channels()[0]);
        assertEquals(44 + 2 * 5000, Files.size(file));
    }

    @Test
    void float32RoundTripsExactlyIncludingValuesBeyondFullScale() throws IOException {
        float[][] stereo = {{0.25f, -1.5f, 1e-7f}, {2f, 0f, -0.125f}};
        Path file = dir.resolve("f.wav");
        WavWriter.write(file, stereo, 48000, WavWriter.Encoding.FLOAT_32);
        DecodedAudio back = AudioReader.read(file);
        assertEquals(SampleEncoding.PCM_FLOAT, back.info().encoding());
        assertEquals(2, back.info().channels());
        assertArrayEquals(stereo[0], back.channels()[0]);
        assertArrayEquals(stereo[1], back.channels()[1]);
    }

    @Test
    void pcm16ClipsOutOfRangeValuesAndSilencesNaN() {
        assertEquals(Short.MAX_VALUE, WavWriter.toPcm16(1.7f));
        assertEquals(Short.MAX_VALUE, WavWriter.toPcm16(1f));
        assertEquals(Short.MIN_VALUE, WavWriter.toPcm16(-3f));
        assertEquals(0, WavWriter.toPcm16(Float.NaN));
        assertEquals(16384, WavWriter.toPcm16(0.5f));
    }

    @Test
    void overwritingReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("out.wav");
        WavWriter.write(file, new AudioClip(new float[10], 8000), WavWriter.Encoding.PCM_16);
        WavWriter.write(file, new AudioClip(new float[20], 8000), WavWriter.Encoding.PCM_16);
        assertEquals(20, AudioReader.read(file).info().frames());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "temporary files left behind");
        }
    }

    @Test
    void writingIntoAMissingDirectoryFailsAndCreatesNothing() {
        Path file = dir.resolve("missing").resolve("out.wav");
        IOException e = assertThrows(IOException.class,
                () -> WavWriter.write(file, new AudioClip(new float[4], 8000), WavWriter.Encoding.PCM_16));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(Files.notExists(file));
    }

    @Test
    void rejectsChannelsOfDifferentLength() {
        assertThrows(IllegalArgumentException.class,
                () -> WavWriter.write(dir.resolve("x.wav"), new float[][] {{0f}, {0f, 1f}}, 8000, WavWriter.Encoding.PCM_16));
    }
}
