package io.fastjukebox.engine.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.attention.AttentionOrder;
import io.fastjukebox.engine.runtime.EngineRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every loss term against values worked out by hand. */
class DistillationLossTest {
    private final NDManager m = EngineRuntime.engine().newBaseManager();
    private static final float LN3 = (float) Math.log(3);
    private static final float LN2 = (float) Math.log(2);

    @AfterEach
    void close() {
        m.close();
    }

    private NDArray logits(float... values) { // (1, T, 2)
        return m.create(values, new Shape(1, values.length / 2, 2));
    }

    @Test
    void hiddenAndAttentionMseIsTheSumOverPairsOfTheMeanSquaredDifference() {
        NDArray s1 = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 2, 2));
        NDArray t1 = m.create(new float[] {1, 0, 3, 0}, new Shape(1, 2, 2)); // squared differences 0, 4, 0, 16: mean 5
        NDArray s2 = m.create(new float[] {0.5f, -0.5f}, new Shape(1, 1, 2));
        NDArray t2 = m.zeros(new Shape(1, 1, 2)); // mean 0.25
        assertEquals(5.25, DistillationLoss.mseSum(List.of(s1, s2), List.of(t1, t2)).getFloat(), 1e-6);
        assertEquals(DataType.FLOAT32, DistillationLoss.mseSum(List.of(s1), List.of(t1)).getDataType());
    }

    @Test
    void softCrossEntropyUsesTheTemperatureOnBothSides() {
        // teacher p = (1/2, 1/2), student q = (1/4, 3/4): -(ln(1/4) + ln(3/4)) / 2
        double expected = -(Math.log(0.25) + Math.log(0.75)) / 2; // 0.836988
        assertEquals(expected, DistillationLoss.softCrossEntropy(logits(0, LN3), logits(0, 0), 1f).getFloat(), 1e-6);
        // T = 2: teacher (0, 2 ln 2) / 2 gives p = (1/3, 2/3); student (0, 2 ln 3) / 2 gives q = (1/4, 3/4)
        double soft = -(Math.log(0.25) / 3 + 2 * Math.log(0.75) / 3); // 0.653886
        assertEquals(soft, DistillationLoss.softCrossEntropy(logits(0, 2 * LN3), logits(0, 2 * LN2), 2f).getFloat(), 1e-6);
        // The mean over positions: a second position where student and teacher agree on (1/2, 1/2) costs ln 2.
        assertEquals((expected + Math.log(2)) / 2,
                DistillationLoss.softCrossEntropy(logits(0, LN3, 0, 0), logits(0, 0, 0, 0), 1f).getFloat(), 1e-6);
    }

    @Test
    void hardCrossEntropyIsTheMeanNegativeLogLikelihoodOfTheCodes() {
        NDArray codes = m.create(new int[] {1, 0}, new Shape(1, 2)).toType(DataType.INT64, false);
        // q = (1/4, 3/4) at both positions; codes 1 then 0: (-ln(3/4) - ln(1/4)) / 2
        assertEquals(-(Math.log(0.75) + Math.log(0.25)) / 2,
                DistillationLoss.hardCrossEntropy(logits(0, LN3, 0, LN3), codes).getFloat(), 1e-6);
    }

    @Test
    void klDivergenceOfTeacherFromStudentPerPosition() {
        // p = (1/2, 1/2), q = (1/4, 3/4): 1/2 ln 2 + 1/2 ln(2/3) = 0.143841
        float[] kl = DistillationLoss.klDivergence(logits(0, 0, 5, 1), logits(0, LN3, 5, 1)).toFloatArray();
        assertEquals(0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3), kl[0], 1e-6);
        assertEquals(0, kl[1], 1e-6);
    }

    @Test
    void intermediateLossPairsMappedLayersAndWeightsTheTerms() {
        // 6-layer teacher, 3-layer student of the row/column/previous-row cycle: student layer i <- teacher layer i + 3.
        LayerMapping mapping = LayerMapping.of(AttentionOrder.ROW_COLUMN_PREVIOUS_ROW, 6, 3);
        Prior.Forward student = forward(3, 1f, 0.1f);
        Prior.Forward teacher = forward(6, 0.5f, 0f);
        // hidden: embedding 0 vs 0, then student outputs 1, 2, 3 vs teacher outputs after layers 3, 4, 5 (2, 2.5, 3):
        // 0 + 1 + 0.25 + 0 = 1.25; attention: student layers 0.1, 0.2, 0.3 vs 0: 0.01 + 0.04 + 0.09 = 0.14
        DistillationLoss loss = new DistillationLoss(mapping, null, new LossWeights(2, 3, 1, 0, 1));
        DistillationLoss.Result r = loss.intermediate(student, teacher);
        assertEquals(1.25, r.terms().get("hidden_mse").getFloat(), 1e-6);
        assertEquals(0.14, r.terms().get("attention_mse").getFloat(), 1e-6);
        assertEquals(2 * 1.25 + 3 * 0.14, r.total().getFloat(), 1e-5);
    }

    @Test
    void aNarrowerStudentIsComparedThroughItsProjections() throws Exception {
        LayerMapping mapping = LayerMapping.of(AttentionOrder.ROW_COLUMN_PREVIOUS_ROW, 3, 3);
        try (Prior student = Prior.initialise(new io.fastjukebox.engine.prior.PriorConfig(0, 4, 1, 3, 1,
                AttentionOrder.ROW_COLUMN_PREVIOUS_ROW, 2, 1.0, 1.0, 1.0, 4, false, null), 0)) {
            HiddenProjection p = HiddenProjection.initialise(student, 2, 0);
            p.parameters().set(HiddenProjection.EMBEDDING + ".w", new float[] {1, 1});
            p.parameters().set(HiddenProjection.EMBEDDING + ".b", new float[] {0, 1});
            p.parameters().set(HiddenProjection.LAYERS + ".w", new float[] {2, -1});
            p.parameters().set(HiddenProjection.LAYERS + ".b", new float[] {0, 0});
            List<NDArray> sh = new ArrayList<>();
            List<NDArray> th = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sh.add(m.full(new Shape(1, 1, 1), 1f)); // student width 1, value 1
                th.add(m.zeros(new Shape(1, 1, 2))); // teacher width 2, zeros
            }
            // embedding: (1, 1) + (0, 1) = (1, 2): mean of 1 and 4 = 2.5; each layer: (2, -1): mean of 4 and 1 = 2.5
            DistillationLoss loss = new DistillationLoss(mapping, p, new LossWeights(1, 0, 1, 0, 1));
            DistillationLoss.Result r = loss.intermediate(new Prior.Forward(null, sh, List.of()),
                    new Prior.Forward(null, th, List.of()));
            assertEquals(4 * 2.5, r.terms().get("hidden_mse").getFloat(), 1e-6);
            assertEquals(1, r.terms().size()); // attention weight 0: not computed
        }
    }

    @Test
    void predictionLossAddsTheWeightedHardLabelTerm() {
        NDArray codes = m.create(new int[] {1}, new Shape(1, 1)).toType(DataType.INT64, false);
        DistillationLoss loss = new DistillationLoss(LayerMapping.of(AttentionOrder.DENSE, 1, 1), null,
                new LossWeights(1, 1, 2, 0.5, 1));
        DistillationLoss.Result r = loss.prediction(logits(0, LN3), logits(0, 0), codes);
        double soft = -(Math.log(0.25) + Math.log(0.75)) / 2;
        double hard = -Math.log(0.75);
        assertEquals(soft, r.terms().get("soft_ce").getFloat(), 1e-6);
        assertEquals(hard, r.terms().get("hard_ce").getFloat(), 1e-6);
        assertEquals(2 * soft + 0.5 * hard, r.total().getFloat(), 1e-6);
    }

    /**
     * A forward of {@code depth} layers: hidden state k is {@code k * hiddenStep} everywhere, the attention of layer i
     * is {@code (i + 1) * attentionStep}.
     */
    private Prior.Forward forward(int depth, float hiddenStep, float attentionStep) {
        List<NDArray> hidden = new ArrayList<>();
        List<NDArray> attention = new ArrayList<>();
        for (int k = 0; k <= depth; k++) {
            hidden.add(m.full(new Shape(1, 2, 3), k * hiddenStep));
        }
        for (int i = 0; i < depth; i++) {
            attention.add(m.full(new Shape(1, 1, 2, 2), (i + 1) * attentionStep));
        }
        return new Prior.Forward(null, hidden, attention);
    }
}
