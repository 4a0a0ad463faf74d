package io.fastjukebox.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam exactly as Jukebox's optimiser applies it (jukebox/utils/fp16.py, spec section 7):
 * {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * p -= lr sqrt(1-b2^t)/(1-b1^t) (m / (sqrt(v) + eps) + wd p)}, after clipping the global gradient
 * norm to {@code maxGradNorm} (done by hand: DJL's {@code optClipGrad} clips one side only).
 *
 * <p>The update runs with autograd off, then zeroes the gradients (DJL's collector does not).
 */
public final class Adam implements AutoCloseable {
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final List<String> names;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double maxGradNorm;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long steps;

    public Adam(ParameterSet params, double beta1, double beta2, double eps, double weightDecay, double maxGradNorm) {
        this(List.of(params), beta1, beta2, eps, weightDecay, maxGradNorm);
    }

    /**
     * One optimiser over the trainable tensors of several sets (e.g. a student and a projection head
     * trained with it), clipped by their joint norm; tensor names must not repeat across the sets.
     */
    public Adam(List<ParameterSet> sets, double beta1, double beta2, double eps, double weightDecay, double maxGradNorm) {
        for (ParameterSet set : sets) {
            for (String name : set.trainableNames()) {
                if (params.put(name, set.get(name)) != null) {
                    throw new IllegalArgumentException("parameter " + name + " appears in two sets");
                }
            }
        }
        this.names = List.copyOf(params.keySet());
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.maxGradNorm = maxGradNorm;
        for (String name : names) {
            NDArray p = params.get(name);
            NDManager manager = p.getManager();
            m.put(name, manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
            v.put(name, manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
        }
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /**
     * Applies one update with learning rate {@code lr} from the accumulated gradients, then zeroes
     * them. Returns the global gradient norm before clipping; a non-finite norm skips the update
     * (as Jukebox skips overflowing steps) and is returned as is.
     */
    public double step(double lr) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDScope scope = new NDScope()) { // closes every temporary; m, v and p change in place
            double norm = globalNorm();
            if (Double.isFinite(norm)) {
                double clip = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / norm : 1.0;
                steps++;
                double stepSize = lr * Math.sqrt(1 - Math.pow(beta2, steps)) / (1 - Math.pow(beta1, steps));
                for (String name : names) {
                    NDArray p = params.get(name);
                    NDArray g = p.getGradient();
                    if (clip != 1.0) {
                        g = g.mul(clip);
                    }
                    m.get(name).muli(beta1).addi(g.mul(1 - beta1));
                    v.get(name).muli(beta2).addi(g.square().muli(1 - beta2));
                    NDArray update = m.get(name).div(v.get(name).sqrt().addi(eps));
                    if (weightDecay != 0) {
                        update.addi(p.mul(weightDecay));
                    }
                    p.subi(update.muli(stepSize));
                }
            }
            zeroGradients();
            return norm;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Zeroes every gradient without applying it. */
    public void zeroGradients() {
        for (String name : names) {
            NDArray p = params.get(name);
            if (p.hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) p);
            }
        }
    }

    private double globalNorm() {
        double sum = 0;
        for (String name : names) {
            NDArray g = params.get(name).getGradient();
            float n = g.norm().getFloat();
            sum += (double) n * n;
        }
        return Math.sqrt(sum);
    }

    /** Optimiser state for a checkpoint: {@code adam.m.<name>}, {@code adam.v.<name>}. */
    public Map<String, float[]> state() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put("adam.m." + name, m.get(name).toFloatArray());
            out.put("adam.v." + name, v.get(name).toFloatArray());
        }
        return out;
    }

    /** Restores {@link #state()} and the step count; fails naming a missing or mis-sized entry. */
    public void restore(Map<String, float[]> state, long steps) {
        for (String name : names) {
            for (Map.Entry<String, NDArray> e : Map.of("adam.m." + name, m.get(name), "adam.v." + name, v.get(name)).entrySet()) {
                float[] values = state.get(e.getKey());
                if (values == null || values.length != e.getValue().size()) {
                    throw new IllegalArgumentException("optimiser state " + e.getKey() + " is missing or has the wrong size");
                }
                e.getValue().set(values);
            }
        }
        this.steps = steps;
    }

    /** Frees the moment estimates (the parameters stay); the optimiser must not be used afterwards. */
    @Override
    public void close() {
        m.values().forEach(NDArray::close);
        v.values().forEach(NDArray::close);
        m.clear();
        v.clear();
    }
}
