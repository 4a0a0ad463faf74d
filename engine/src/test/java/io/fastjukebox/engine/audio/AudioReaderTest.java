package io.fastjukebox.engine.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decodes every fixture of {@code src/test/resources/audio} (see FIXTURES.md there): a 0.5 s,
 * 440 Hz sine of amplitude 0.5 in many containers and encodings, plus broken files.
 */
class AudioReaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file, type, encoding, bits, rate, channels, frames, amplitude tolerance (dB), residual limit (dB)
        "sine440_mono_u8.wav,                WAV,        PCM_UNSIGNED, 8,  22050, 1, 11025, 0.05, -40",
        "sine440_mono_s16.wav,               WAV,        PCM_SIGNED,   16, 22050, 1, 11025, 0.01, -80",
        "sine440_mono_s24.wav,               WAV,        PCM_SIGNED,   24, 22050, 1, 11025, 0.01, -120",
        "sine440_mono_s32.wav,               WAV,        PCM_SIGNED,   32, 22050, 1, 11025, 0.01, -120",
        "sine440_mono_f32.wav,               WAV,        PCM_FLOAT,    32, 22050, 1, 11025, 0.01, -120",
        "sine440_mono_f64.wav,               WAV,        PCM_FLOAT,    64, 22050, 1, 11025, 0.01, -120",
        "sine440_6ch_s16.wav,                WAV,        PCM_SIGNED,   16, 22050, 6, 11025, 0.01, -80",
        "sine440_mono_s16.flac,              FLAC,       PCM_SIGNED,   16, 22050, 1, 11025, 0.01, -80",
        "sine440_stereo_s24_44100.flac,      FLAC,       PCM_SIGNED,   24, 44100, 2, 22050, 0.01, -120",
        "sine440_stereo_44100.ogg,           OGG_VORBIS, PCM_FLOAT,    32, 44100, 2, 22050, 0.2,  -30",
        "sine440_mono_22050.ogg,             OGG_VORBIS, PCM_FLOAT,    32, 22050, 1, 11025, 0.2,  -30",
    })
    void decodesEveryFormatToTheSameSine(String name, AudioFileType type, SampleEncoding encoding, int bits, int rate,
            int channels, long frames, double ampTolDb, double residualDb) throws IOException {
        DecodedAudio audio = AudioReader.read(Signals.resource("audio/" + name));
        AudioFileInfo info = audio.info();
        assertEquals(type, info.type());
        assertEquals(encoding, info.encoding());
        assertEquals(bits, info.bitsPerSample());
        assertEquals(rate, info.sampleRate());
        assertEquals(channels, info.channels());
        assertEquals(frames, info.frames());
        assertEquals(channels, audio.channels().length);
        for (float[] channel : audio.channels()) {
            assertSine(channel, rate, 0.5, ampTolDb, residualDb, 0);
        }
        assertSine(audio.toMono().samples(), rate, 0.5, ampTolDb, residualDb, 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sine440_stereo_44100.mp3, 44100, 2, 22050", "sine440_mono_22050.mp3, 22050, 1, 11025"})
    void decodesMp3GaplesslyFromItsLameTag(String name, int rate, int channels, int sourceFrames) throws IOException {
        DecodedAudio audio = AudioReader.read(Signals.resource("audio/" + name));
        AudioFileInfo info = audio.info();
        assertEquals(AudioFileType.MP3, info.type());
        assertEquals(rate, info.sampleRate());
        assertEquals(channels, info.channels());
        // The LAME tag's delay and padding (FIXTURES.md) trim the output to exactly the source length...
        assertEquals(sourceFrames, info.frames());
        // ...and in phase with it: the fit at 440 Hz is only good if sample 0 is the source's sample 0.
        float[] mono = audio.toMono().samples();
        float[] reference = Signals.sine(440, rate, sourceFrames, 0.5);
        double err = 0;
        for (int i = sourceFrames / 8; i < sourceFrames * 7 / 8; i++) {
            err += (mono[i] - reference[i]) * (mono[i] - reference[i]);
        }
        double errDb = Signals.db(Math.sqrt(err / (sourceFrames * 0.75)) / (0.5 / Math.sqrt(2)));
        assertTrue(errDb < -20, "decoded MP3 differs from the source sine by " + errDb + " dB");
    }

    @Test
    void mixesStereoDownByAveraging() throws IOException {
        DecodedAudio audio = AudioReader.read(Signals.resource("audio/sine440_left_stereo_s16_44100.wav"));
        assertEquals(2, audio.channels().length);
        AudioClip mono = audio.toMono();
        assertEquals(44100, mono.sampleRate());
        assertSine(mono.samples(), 44100, 0.25, 0.01, -70, 0);
    }

    @Test
    void readsMonoAtTheModelRate() throws IOException {
        AudioClip clip = AudioReader.readMono(Signals.resource("audio/sine440_stereo_s24_44100.flac"), 22050);
        assertEquals(22050, clip.sampleRate());
        assertEquals(11025, clip.frames());
        assertSine(clip.samples(), 22050, 0.5, 0.1, -60, 2000);
    }

    @Test
    void unsigned8BitMidScaleIsZero() throws IOException {
        // The sine starts at phase 0, so the first 8-bit sample is the mid-scale code 128.
        float[] x = AudioReader.read(Signals.resource("audio/sine440_mono_u8.wav")).channels()[0];
        assertEquals(0f, x[0]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty.wav         | empty file (0 bytes)",
        "header-only.wav   | contains no audio",
        "truncated.wav     | truncated WAV: the data chunk declares 22050 bytes but only 11024 are present",
        "truncated.flac    | truncated FLAC",
        "truncated.ogg     | truncated Ogg",
        "truncated.mp3     | truncated MP3",
        "not-audio.wav     | not a supported audio file",
        "random-bytes.mp3  | not a supported audio file",
        "adpcm.wav         | unsupported WAV encoding 0x0011 (IMA ADPCM)",
    })
    void badFilesFailWithAMessageNamingTheFileAndTheProblem(String name, String problem) {
        Path file = Signals.resource("audio/" + name);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void missingFileIsReportedAsSuch(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path missing = dir.resolve("nope.wav");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AudioReader.read(missing));
        assertTrue(e.getMessage().contains("nope.wav"), e.getMessage());
    }

    @Test
    void directoryIsNotAnAudioFile(@org.junit.jupiter.api.io.TempDir Path dir) {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(dir));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    private static void assertSine(float[] x, int rate, double amplitude, double tolDb, double residualDb, int margin) {
        double[] fit = Signals.fitSine(x, rate, 440, margin, x.length - margin);
        double gain = Signals.db(fit[0] / amplitude);
        assertTrue(Math.abs(gain) <= tolDb, "amplitude off by " + gain + " dB");
        double residual = Signals.db(fit[1] / (amplitude / Math.sqrt(2)));
        assertTrue(residual <= residualDb, "residual " + residual + " dB (limit " + residualDb + ")");
    }
}
