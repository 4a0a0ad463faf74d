package io.fastjukebox.app.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.AudioReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipExporterTest {
    @TempDir
    Path dir;

    private final AudioClip clip = sine(22050, 0.3);
    private final ClipExporter.Metadata metadata = new ClipExporter.Metadata("job 1 · candidate 2 · top",
            "seed 42, top.fjb", Map.of("candidate", 2));

    @Test
    void wavKeepsTheSamplesAndCarriesAListInfoChunkAndASidecar() throws Exception {
        Path wav = dir.resolve("out.wav");

        ClipExporter.export(clip, wav, metadata);

        AudioClip back = AudioReader.readMono(wav);
        assertEquals(clip.frames(), back.frames());
        for (int i = 0; i < clip.frames(); i++) {
            assertEquals(clip.samples()[i], back.samples()[i], 1.0 / 32767);
        }
        String text = new String(Files.readAllBytes(wav), StandardCharsets.UTF_8);
        for (String expected : new String[] {"LIST", "INFOINAM", "job 1 · candidate 2 · top", "ISFT", "Fast Jukebox Studio", "ICMT",
            "seed 42, top.fjb", "ICRD"}) {
            assertTrue(text.contains(expected), expected);
        }
        assertEquals(Files.size(wav) - 8, java.nio.ByteBuffer.wrap(Files.readAllBytes(wav), 4, 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(), "the RIFF size covers the LIST chunk");
        String json = Files.readString(dir.resolve("out.json"));
        assertTrue(json.contains("\"candidate\" : 2") && json.contains("\"audio\" : \"out.wav\""), json);
    }

    @Test
    void flacIsLosslessAt16Bits() throws Exception {
        Path flac = dir.resolve("out.flac");

        ClipExporter.export(clip, flac, metadata);

        AudioClip back = AudioReader.readMono(flac);
        assertEquals(22050, back.sampleRate());
        float[] expected = new float[clip.frames()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Math.round(clip.samples()[i] * 32767) / 32768f;
        }
        assertArrayEquals(expected, back.samples(), 1e-6f);
        assertTrue(Files.exists(dir.resolve("out.json")));
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path wav = Files.writeString(dir.resolve("taken.wav"), "keep me");

        IOException e = assertThrows(IOException.class, () -> ClipExporter.export(clip, wav, metadata));

        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("keep me", Files.readString(wav));
    }

    private static AudioClip sine(int rate, double seconds) {
        float[] s = new float[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / rate));
        }
        return new AudioClip(s, rate);
    }
}
