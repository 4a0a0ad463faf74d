package io.fastjukebox.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.fastjukebox.engine.io.Npy;
import io.fastjukebox.engine.io.NpyArray;
import io.fastjukebox.engine.runtime.EngineRuntime;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Convolutions against PyTorch's own numbers (golden/vqvae/make_vqvae_fixtures.py). */
class ConvParityTest {

    @Test
    void transposedConvolutionMatchesPyTorch() throws Exception {
        try (NDManager m = EngineRuntime.engine().newBaseManager()) {
            NDArray out = Conv.transpose(load(m, "convt_in"), load(m, "convt_w"), load(m, "convt_b"), 2, 1);
            assertClose(load(m, "convt_out"), out);
        }
    }

    @Test
    void dilatedConvolutionMatchesPyTorch() throws Exception {
        try (NDManager m = EngineRuntime.engine().newBaseManager()) {
            NDArray out = Conv.conv1d(load(m, "conv_in"), load(m, "conv_w"), load(m, "conv_b"), 1, 9, 9);
            assertClose(load(m, "conv_out"), out);
        }
    }

    private static void assertClose(NDArray expected, NDArray actual) {
        assertArrayEquals(expected.getShape().getShape(), actual.getShape().getShape());
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-5f, "element " + i);
        }
    }

    static NDArray load(NDManager m, String name) throws IOException, URISyntaxException {
        NpyArray a = Npy.read(Path.of(ConvParityTest.class.getResource("/golden/vqvae/" + name + ".npy").toURI()));
        long[] shape = java.util.Arrays.stream(a.shape()).asLongStream().toArray();
        return m.create(a.toFloatArray(), new Shape(shape));
    }
}
