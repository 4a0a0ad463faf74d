package io.fastjukebox.engine.nn;


import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.fastjukebox.engine.Golden;
import io.fastjukebox.engine.runtime.EngineRuntime;
import org.junit.jupiter.api.Test;

/** Convolutions against PyTorch's own numbers (golden/vqvae/make_vqvae_fixtures.py). */
class ConvParityTest {

    @Test
    void transposedConvolutionMatchesPyTorch() throws Exception {
        try (NDManager m = EngineRuntime.engine().newBaseManager()) {
            NDArray out = Conv.transpose(load(m, "convt_in"), load(m, "convt_w"), load(m, "convt_b"), 2, 1);
            Golden.assertClose(load(m, "convt_out"), out, 1e-5, "transposed convolution");
        }
    }

    @Test
    void dilatedConvolutionMatchesPyTorch() throws Exception {
        try (NDManager m = EngineRuntime.engine().newBaseManager()) {
            NDArray out = Conv.conv1d(load(m, "conv_in"), load(m, "conv_w"), load(m, "conv_b"), 1, 9, 9);
            Golden.assertClose(load(m, "conv_out"), out, 1e-5, "dilated convolution");
        }
    }

    private static NDArray load(NDManager m, String name) throws Exception {
        return Golden.load(m, "vqvae", name);
    }
}
