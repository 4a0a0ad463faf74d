package io.fastjukebox.engine.vqvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The straight-through estimator passes the decoder's gradient to the encoder output unchanged. */
class StraightThroughTest {

    @Test
    void encoderOutputReceivesExactlyTheGradientOfTheQuantisedInput() {
        try (VqVae model = VqVae.initialise(VqVaeChunkingTest.TINY, 4); NDManager m = model.manager().newSubManager()) {
            java.util.Random rng = new java.util.Random(2);
            float[] k = new float[32 * 8];
            for (int i = 0; i < k.length; i++) {
                k[i] = (float) rng.nextGaussian();
            }
            model.parameters().set(VqVaeLayout.codebook(1), k);
            float[] e = new float[2 * 8 * 10];
            for (int i = 0; i < e.length; i++) {
                e[i] = (float) rng.nextGaussian();
            }
            NDArray enc = m.create(e, new Shape(2, 8, 10));
            enc.setRequiresGradient(true);
            NDArray quantised;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray xq = model.dequantise(model.quantise(enc.stopGradient(), 1), 1);
                quantised = xq.duplicate();
                NDArray st = enc.add(xq.sub(enc).stopGradient()); // forward value: xq; gradient: identity to enc
                assertEquals(0f, st.sub(xq).abs().max().getFloat(), 1e-6f);
                gc.backward(model.decodeContinuous(st, 1).square().sum());
            }
            float[] throughSte = enc.getGradient().toFloatArray();

            quantised.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(model.decodeContinuous(quantised, 1).square().sum());
            }
            float[] direct = quantised.getGradient().toFloatArray();
            double norm = 0;
            for (int i = 0; i < direct.length; i++) {
                assertEquals(direct[i], throughSte[i], 1e-5f, "element " + i);
                norm += direct[i] * direct[i];
            }
            assertTrue(norm > 0, "the decoder passed no gradient at all");
        }
    }
}
