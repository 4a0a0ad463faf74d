package io.fastjukebox.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.fastjukebox.engine.io.Npy;
import io.fastjukebox.engine.io.NpyArray;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Golden fixtures under {@code src/test/resources/golden/<set>/}, made once by the scripts there. */
public final class Golden {
    private Golden() {}

    /** The fixture file {@code golden/<set>/<name>}. */
    public static Path file(String set, String name) throws Exception {
        return Path.of(Golden.class.getResource("/golden/" + set + "/").toURI()).resolve(name);
    }

    /** {@code <name>.npy} (or {@code <name>.npy.gz}) as an array of its own shape: float32, or int32 for integer files. */
    public static NDArray load(NDManager m, String set, String name) throws Exception {
        Path plain = file(set, name + ".npy");
        NpyArray a;
        if (Files.exists(plain)) {
            a = Npy.read(plain);
        } else {
            Path gz = plain.resolveSibling(name + ".npy.gz");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                a = Npy.read(in, gz.toString(), -1);
            }
        }
        Shape shape = new Shape(java.util.Arrays.stream(a.shape()).asLongStream().toArray());
        return a.dtype().isFloating() ? m.create(a.toFloatArray(), shape) : m.create(a.toIntArray(), shape);
    }

    /** Same shape, and no element further than {@code tol} from the expected one. */
    public static void assertClose(NDArray expected, NDArray actual, double tol, String what) {
        assertArrayEquals(expected.getShape().getShape(), actual.getShape().getShape(), what);
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(e[i] - a[i]));
        }
        assertTrue(worst <= tol, what + ": max difference " + worst);
    }
}
