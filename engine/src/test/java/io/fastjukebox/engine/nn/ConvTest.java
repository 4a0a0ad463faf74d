package io.fastjukebox.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.fastjukebox.engine.runtime.EngineRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvTest {
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = EngineRuntime.engine().newBaseManager();
        manager.getEngine().setRandomSeed(3);
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    /** The transposed convolution is the adjoint of the strided convolution: <conv(x), r> = <x, convT(r)>. */
    @ParameterizedTest(name = "k={0} s={1} p={2}")
    @CsvSource({"4, 2, 1", "8, 4, 2", "3, 1, 1", "4, 2, 0", "5, 3, 2"})
    void transposeIsTheAdjointOfConv(int k, int s, int p) {
        try (NDManager m = manager.newSubManager()) {
            NDArray w = m.randomNormal(new Shape(5, 3, k)); // conv weight (out=5, in=3, k)
            NDArray x = m.randomNormal(new Shape(2, 3, 40));
            NDArray y = Conv.conv1d(x, w, null, s, p, 1); // (2, 5, L)
            NDArray r = m.randomNormal(y.getShape());
            // As a transposed conv, the same tensor is (in=5, out=3, k) in PyTorch's layout.
            NDArray back = Conv.transpose(r, w, null, s, p); // (2, 3, L')
            NDArray xCrop = x.get(":, :, 0:" + back.getShape().get(2));
            float lhs = y.mul(r).sum().getFloat();
            float rhs = xCrop.mul(back).sum().getFloat();
            assertEquals(lhs, rhs, 1e-3f * Math.max(1f, Math.abs(lhs)));
            assertEquals((y.getShape().get(2) - 1) * s - 2 * p + k, back.getShape().get(2));
        }
    }

    @ParameterizedTest(name = "length {0}")
    @CsvSource({"1", "7", "16"})
    void strideTwoKernelFourPaddingOneDoublesTheLength(int length) {
        try (NDManager m = manager.newSubManager()) {
            NDArray out = Conv.transpose(m.ones(new Shape(1, 2, length)), m.ones(new Shape(2, 3, 4)), m.zeros(new Shape(3)), 2, 1);
            assertArrayEquals(new long[] {1, 3, 2L * length}, out.getShape().getShape());
        }
    }
}
