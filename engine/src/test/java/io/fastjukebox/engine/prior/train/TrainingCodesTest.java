package io.fastjukebox.engine.prior.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCodesTest {
    @TempDir
    Path dir;

    @Test
    void theCacheOfAnEncodedFolderLoadsAsTheSameCodesAndProvenance() throws IOException {
        TinyModels.write(dir);
        Path audio = Files.createDirectory(dir.resolve("audio"));
        for (int f = 0; f < 2; f++) {
            float[] x = new float[4000 + 1000 * f];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.3 * Math.sin(2 * Math.PI * (200 + 100 * f) * i / 8000.0));
            }
            WavWriter.write(audio.resolve("t" + f + ".wav"), new AudioClip(x, 8000), WavWriter.Encoding.PCM_16);
        }
        Path cache = dir.resolve("prior.fjb.codes.npz");
        List<String> log = new ArrayList<>();
        TrainingCodes encoded = TrainingCodes.load(audio, dir.resolve("vq.fjb"), cache, log::add);
        assertTrue(log.contains("encoding t1.wav (2/2)"), log.toString());
        TrainingCodes reread = TrainingCodes.load(cache, dir.resolve("vq.fjb"), dir.resolve("other.codes.npz"), log::add);
        assertEquals(2, reread.tracks().size());
        for (int t = 0; t < 2; t++) {
            for (int l = 0; l < 3; l++) {
                assertArrayEquals(encoded.tracks().get(t)[l], reread.tracks().get(t)[l]);
            }
        }
        assertEquals(Json.mapper().valueToTree(encoded.provenance()), Json.mapper().valueToTree(reread.provenance()));
        assertTrue(!Files.exists(dir.resolve("other.codes.npz")));
    }
}
