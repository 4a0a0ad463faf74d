package io.fastjukebox.engine.distill;

import ai.djl.ndarray.NDArray;
import io.fastjukebox.engine.prior.Prior;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss terms of Fast Jukebox / TinyBERT distillation and how each phase combines them.
 *
 * <ul>
 *   <li>Hidden states (paper eq. 4): {@code sum_m MSE(H_S(m) W, H_T(g(m)))} over the embedding output
 *       and every student layer's output, g the {@link LayerMapping}, W the {@link HiddenProjection}
 *       (identity at equal width); MSE is the mean over all N x T x W entries.</li>
 *   <li>Attention: {@code sum_m MSE(A_S(m), A_T(g(m)))} over the softmax attention weights (N, H, T, T)
 *       of every student layer; masked entries are 0 in both, as the patterns match.</li>
 *   <li>Prediction (eq. 3, Hinton): {@code -sum_v softmax(z_T / t)_v log softmax(z_S / t)_v}, the mean over
 *       positions; no t^2 factor (TinyBERT's soft cross-entropy).</li>
 *   <li>Hard labels: next-token cross-entropy on the data, mean over positions (nats).</li>
 * </ul>
 *
 * <p>Every value is a 0-d float32 array on the inputs' manager (float scalars only: a double would
 * promote it to float64).
 */
public final class DistillationLoss {
    private final LayerMapping mapping;
    private final HiddenProjection projection;
    private final LossWeights weights;

    /** A total and its named, unweighted terms. */
    public record Result(NDArray total, Map<String, NDArray> terms) {}

    /**
     * @param projection maps a narrower student's hidden states to the teacher's width; null at equal width
     */
    public DistillationLoss(LayerMapping mapping, HiddenProjection projection, LossWeights weights) {
        this.mapping = mapping;
        this.projection = projection;
        this.weights = weights;
    }

    /** Phase 1: weighted hidden-state and attention MSE; the forwards must keep hidden states (and attention if weighted). */
    public Result intermediate(Prior.Forward student, Prior.Forward teacher) {
        List<NDArray> s = new ArrayList<>();
        List<NDArray> t = new ArrayList<>();
        s.add(projection == null ? student.hidden().get(0) : projection.embedding(student.hidden().get(0)));
        t.add(teacher.hidden().get(0));
        for (int i = 0; i < mapping.studentDepth(); i++) {
            NDArray h = student.hidden().get(i + 1);
            s.add(projection == null ? h : projection.layer(h));
            t.add(teacher.hidden().get(mapping.teacherLayer(i) + 1));
        }
        Map<String, NDArray> terms = new LinkedHashMap<>();
        NDArray hidden = mseSum(s, t);
        terms.put("hidden_mse", hidden);
        NDArray total = hidden.mul((float) weights.hidden());
        if (weights.attention() > 0) {
            List<NDArray> sa = new ArrayList<>();
            List<NDArray> ta = new ArrayList<>();
            for (int i = 0; i < mapping.studentDepth(); i++) {
                sa.add(student.attention().get(i));
                ta.add(teacher.attention().get(mapping.teacherLayer(i)));
            }
            NDArray attention = mseSum(sa, ta);
            terms.put("attention_mse", attention);
            total = total.add(attention.mul((float) weights.attention()));
        }
        return new Result(total, terms);
    }

    /** Phase 2: weighted soft cross-entropy with the teacher's logits, plus the hard-label term if weighted. */
    public Result prediction(NDArray studentLogits, NDArray teacherLogits, NDArray codes) {
        Map<String, NDArray> terms = new LinkedHashMap<>();
        NDArray soft = softCrossEntropy(studentLogits, teacherLogits, (float) weights.temperature());
        terms.put("soft_ce", soft);
        NDArray total = soft.mul((float) weights.soft());
        if (weights.hard() > 0) {
            NDArray hard = hardCrossEntropy(studentLogits, codes);
            terms.put("hard_ce", hard);
            total = total.add(hard.mul((float) weights.hard()));
        }
        return new Result(total, terms);
    }

    /** The MLE baseline: next-token cross-entropy only. */
    public static Result hardLabel(NDArray logits, NDArray codes) {
        NDArray hard = hardCrossEntropy(logits, codes);
        return new Result(hard, Map.of("hard_ce", hard));
    }

    /** {@code sum_k mean((student_k - teacher_k)^2)} over pairs of equally shaped arrays. */
    public static NDArray mseSum(List<NDArray> student, List<NDArray> teacher) {
        if (student.size() != teacher.size() || student.isEmpty()) {
            throw new IllegalArgumentException(student.size() + " student and " + teacher.size() + " teacher arrays");
        }
        NDArray sum = null;
        for (int k = 0; k < student.size(); k++) {
            if (!student.get(k).getShape().equals(teacher.get(k).getShape())) {
                throw new IllegalArgumentException("pair " + k + ": student " + student.get(k).getShape() + " vs teacher "
                        + teacher.get(k).getShape());
            }
            NDArray mse = student.get(k).sub(teacher.get(k)).square().mean();
            sum = sum == null ? mse : sum.add(mse);
        }
        return sum;
    }

    /** Soft cross-entropy of student logits (N, T, V) against teacher logits, both divided by {@code temperature}. */
    public static NDArray softCrossEntropy(NDArray studentLogits, NDArray teacherLogits, float temperature) {
        float inv = 1f / temperature;
        NDArray target = teacherLogits.mul(inv).softmax(-1);
        return target.mul(studentLogits.mul(inv).logSoftmax(-1)).sum(new int[] {-1}).neg().mean();
    }

    /** Mean next-token cross-entropy (nats) of logits (N, T, V) on codes (N, T) int64. */
    public static NDArray hardCrossEntropy(NDArray logits, NDArray codes) {
        return Prior.logProbabilities(logits, codes).neg().mean();
    }

    /** KL(teacher || student) in nats at every position: (N, T) from logits (N, T, V). */
    public static NDArray klDivergence(NDArray teacherLogits, NDArray studentLogits) {
        NDArray t = teacherLogits.logSoftmax(-1);
        return t.exp().mul(t.sub(studentLogits.logSoftmax(-1))).sum(new int[] {-1});
    }
}
