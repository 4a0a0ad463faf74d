package io.fastjukebox.engine.distill;

import ai.djl.ndarray.NDArray;
import io.fastjukebox.engine.checkpoint.TensorData;
import io.fastjukebox.engine.nn.ParameterSet;
import io.fastjukebox.engine.nn.ParameterSpec;
import io.fastjukebox.engine.prior.Prior;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TinyBERT's learned maps from a narrower student's hidden states to the teacher's width, used only by
 * the hidden-state loss: {@code H_S W + b} with one map for the embedding output ({@link #EMBEDDING})
 * and one shared by every layer ({@link #LAYERS}). Jukebox-style Conv1D layout, w (student width,
 * teacher width), initialised as PyTorch's {@code nn.Linear}.
 *
 * <p>These tensors are not part of a prior: they are trained with the student in phase 1 and kept
 * only in the training checkpoint, so the student bundle stays a plain prior bundle.
 */
public final class HiddenProjection {
    /** Prefix of every projection tensor; no official prior tensor starts with it. */
    public static final String PREFIX = "distill.hidden_projection.";
    /** The map of the embedding output. */
    public static final String EMBEDDING = PREFIX + "embedding";
    /** The map shared by the mapped layers' outputs. */
    public static final String LAYERS = PREFIX + "layers";

    private final ParameterSet params;

    private HiddenProjection(ParameterSet params) {
        this.params = params;
    }

    /** The specs of the two maps from width {@code from} to {@code to}. */
    static List<ParameterSpec> specs(int from, int to) {
        return List.of(
                new ParameterSpec(EMBEDDING + ".w", new long[] {from, to}, ParameterSpec.Kind.UNIFORM, from),
                new ParameterSpec(EMBEDDING + ".b", new long[] {to}, ParameterSpec.Kind.UNIFORM, from),
                new ParameterSpec(LAYERS + ".w", new long[] {from, to}, ParameterSpec.Kind.UNIFORM, from),
                new ParameterSpec(LAYERS + ".b", new long[] {to}, ParameterSpec.Kind.UNIFORM, from));
    }

    /** New maps from the student's width to the teacher's, seeded, owned by the student's manager. */
    public static HiddenProjection initialise(Prior student, int teacherWidth, long seed) {
        return new HiddenProjection(ParameterSet.initialise(student.manager(),
                specs(student.config().width(), teacherWidth), seed ^ 0x5DEECE66DL));
    }

    /** The tensors as saved in a training checkpoint. */
    public Map<String, TensorData> tensors() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (ParameterSpec spec : params.specs().values()) {
            out.put(spec.name(), TensorData.ofFloats(params.values(spec.name()), spec.shape()));
        }
        return out;
    }

    /** Sets the maps from a checkpoint's tensors; fails naming a missing one. */
    public void load(Map<String, TensorData> tensors) {
        params.load(tensors);
    }

    public ParameterSet parameters() {
        return params;
    }

    /** Hidden states (N, T, student width) of the embedding output mapped to (N, T, teacher width). */
    public NDArray embedding(NDArray hidden) {
        return hidden.matMul(params.get(EMBEDDING + ".w")).add(params.get(EMBEDDING + ".b"));
    }

    /** Hidden states (N, T, student width) of a layer's output mapped to (N, T, teacher width). */
    public NDArray layer(NDArray hidden) {
        return hidden.matMul(params.get(LAYERS + ".w")).add(params.get(LAYERS + ".b"));
    }
}
