package io.fastjukebox.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A model's tensors by their official state-dict names, owned by one {@link NDManager}.
 *
 * <p>Models here are plain classes whose forward methods read tensors from a parameter set by name,
 * rather than DJL {@code Block}s (whose child names get {@code 01}-style prefixes). That keeps the
 * official names exact, so loading a PyTorch state dict is a name-for-name copy.
 */
public final class ParameterSet implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, ParameterSpec> specs = new LinkedHashMap<>();
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    private ParameterSet(NDManager manager) {
        this.manager = manager;
    }

    /**
     * Allocates every tensor initialised as its spec says, drawn from a seeded generator so the same
     * seed gives the same model on every device.
     */
    public static ParameterSet initialise(NDManager parent, List<ParameterSpec> specs, long seed) {
        ParameterSet set = new ParameterSet(parent.newSubManager());
        SplittableRandom rng = new SplittableRandom(seed);
        for (ParameterSpec spec : specs) {
            if (spec.numel() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(spec.name() + " has too many elements to initialise");
            }
            set.put(spec, initialValues(spec, rng));
        }
        return set;
    }

    private static float[] initialValues(ParameterSpec spec, SplittableRandom rng) {
        float[] values = new float[(int) spec.numel()];
        switch (spec.kind()) {
            case UNIFORM -> {
                double bound = 1 / Math.sqrt(spec.scale());
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (rng.nextDouble() * 2 * bound - bound);
                }
            }
            case NORMAL -> {
                java.util.Random gaussian = new java.util.Random(rng.nextLong());
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (gaussian.nextGaussian() * spec.scale());
                }
            }
            case ONES -> java.util.Arrays.fill(values, 1f);
            case ZEROS, BUFFER -> { }
        }
        return values;
    }

    private void put(ParameterSpec spec, float[] values) {
        if (specs.containsKey(spec.name())) {
            throw new IllegalArgumentException("duplicate parameter " + spec.name());
        }
        NDArray array = manager.create(values, new Shape(spec.shape()));
        array.setName(spec.name());
        specs.put(spec.name(), spec);
        arrays.put(spec.name(), array);
    }

    /** The tensor called {@code name}; fails naming it if there is none. */
    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return a;
    }

    /** Whether a tensor of that name exists. */
    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    /** The specs in state-dict order. */
    public Map<String, ParameterSpec> specs() {
        return Collections.unmodifiableMap(specs);
    }

    /** Replaces the values of {@code name}, checking the element count; the shape is the spec's. */
    public void set(String name, float[] values) {
        ParameterSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        if (values.length != spec.numel()) {
            throw new IllegalArgumentException(name + ": expected " + spec.numel() + " values for shape "
                    + Arrays.toString(spec.shape()) + ", got " + values.length);
        }
        get(name).set(values);
    }

    /** Sets every tensor from same-named state-dict tensors (widened to float32); all must be present. */
    public void load(Map<String, io.fastjukebox.engine.checkpoint.TensorData> tensors) {
        for (String name : specs.keySet()) {
            io.fastjukebox.engine.checkpoint.TensorData t = tensors.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no tensor named " + name);
            }
            set(name, t.toFloatArray());
        }
    }

    /** The values of {@code name} as floats (a copy, in C order). */
    public float[] values(String name) {
        return get(name).toType(DataType.FLOAT32, false).toFloatArray();
    }

    /** Names of the tensors trained by gradients (weights and biases, not buffers), in order. */
    public List<String> trainableNames() {
        return specs.values().stream().filter(s -> s.kind() != ParameterSpec.Kind.BUFFER).map(ParameterSpec::name).toList();
    }

    /** Turns gradient tracking on or off for every trainable tensor. */
    public void requireGradients(boolean on) {
        for (String name : trainableNames()) {
            arrays.get(name).setRequiresGradient(on);
        }
    }

    /** Total number of elements in weights and biases (buffers excluded). */
    public long trainableCount() {
        return specs.values().stream().filter(s -> s.kind() != ParameterSpec.Kind.BUFFER)
                .mapToLong(ParameterSpec::numel).sum();
    }

    /** The manager that owns the tensors (for allocating optimiser state next to them). */
    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
