package io.fastjukebox.engine.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.io.Npy;
import io.fastjukebox.engine.io.NpyArray;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Compares the mel spectrogram with librosa's numbers, generated once by
 * {@code src/test/resources/golden/mel/make_mel_golden.py} (see the README there).
 */
class MelGoldenTest {
    private static final double DB_TOLERANCE = 1e-3;

    @Test
    void librosaDefaultsMatchWithinAThousandthOfADecibel() throws IOException {
        MelParams p = MelParams.librosaDefaults(22050);
        check("default", p, DbScale.librosaDefaults());
    }

    @Test
    void nonPowerOfTwoFftWithBandLimitsAndMaxReferenceMatch() throws IOException {
        MelParams p = new MelParams(22050, 1000, 250, 40, 50, 7000);
        check("custom", p, new DbScale(DbScale.Reference.MAX, 1.0, 1e-10, Double.POSITIVE_INFINITY));
    }

    @Test
    void slaneyMelScaleMatchesLibrosaDocumentedValues() {
        // From librosa's docs (hz_to_mel, mel_to_hz examples), see golden/mel/README.md.
        assertEquals(0.9, MelFilterBank.hzToMel(60), 1e-12);
        assertEquals(6.6, MelFilterBank.hzToMel(440), 1e-12);
        assertEquals(49.91059448015905, MelFilterBank.hzToMel(11025), 1e-12);
        assertEquals(200.0, MelFilterBank.melToHz(3), 1e-9);
        assertEquals(1000.0, MelFilterBank.melToHz(MelFilterBank.hzToMel(1000)), 1e-9);
    }

    private static void check(String name, MelParams p, DbScale scale) throws IOException {
        float[] y = Npy.read(golden("input_22050.npy")).toFloatArray();

        double[][] weights = MelFilterBank.weights(p);
        assertClose(read2d(golden(name + "_melfb.npy.gz")), weights, 1e-12, 0, name + " filter bank");

        MelSpectrogram mel = MelSpectrogram.of(y, p);
        assertEquals(p.frames(y.length), mel.frames());
        assertClose(read2d(golden(name + "_melpower.npy")), mel.power(), 1e-20, 1e-9, name + " mel power");

        double[][] expected = read2d(golden(name + "_db.npy"));
        double[][] db = mel.toDb(scale);
        double worst = maxAbsDiff(expected, db);
        assertTrue(worst <= DB_TOLERANCE, name + ": worst dB difference " + worst);
    }

    private static void assertClose(double[][] expected, double[][] actual, double abs, double rel, String what) {
        assertEquals(expected.length, actual.length, what + " rows");
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length, what + " columns");
            for (int c = 0; c < expected[r].length; c++) {
                double e = expected[r][c];
                double tol = abs + rel * Math.abs(e);
                assertEquals(e, actual[r][c], tol, what + " [" + r + "][" + c + "]");
            }
        }
    }

    private static double maxAbsDiff(double[][] a, double[][] b) {
        assertEquals(a.length, b.length);
        double worst = 0;
        for (int r = 0; r < a.length; r++) {
            assertEquals(a[r].length, b[r].length);
            for (int c = 0; c < a[r].length; c++) {
                worst = Math.max(worst, Math.abs(a[r][c] - b[r][c]));
            }
        }
        return worst;
    }

    static double[][] read2d(Path file) throws IOException {
        NpyArray a;
        if (file.toString().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                a = Npy.read(in, file.toString(), -1);
            }
        } else {
            a = Npy.read(file);
        }
        int[] shape = a.shape();
        assertEquals(2, shape.length, file + " shape");
        double[] flat = a.toDoubleArray();
        double[][] out = new double[shape[0]][shape[1]];
        for (int r = 0; r < shape[0]; r++) {
            System.arraycopy(flat, r * shape[1], out[r], 0, shape[1]);
        }
        assertArrayEquals(new int[] {out.length, out[0].length}, shape);
        return out;
    }

    private static Path golden(String name) {
        return Signals.resource("golden/mel/" + name);
    }
}
