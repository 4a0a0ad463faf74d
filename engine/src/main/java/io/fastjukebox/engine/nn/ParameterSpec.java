package io.fastjukebox.engine.nn;

import java.util.Arrays;

/**
 * One named tensor of a model, named exactly as in the official PyTorch state dict.
 *
 * @param name the state-dict key, e.g. {@code encoders.0.level_blocks.0.model.0.0.weight}
 * @param shape the PyTorch shape (layouts are PyTorch's: Conv1d (out, in, k), ConvTranspose1d (in, out, k))
 * @param kind how the tensor is initialised and whether it gets gradients
 * @param fanIn the fan-in PyTorch uses for this tensor's default initialisation
 */
public record ParameterSpec(String name, long[] shape, Kind kind, long fanIn) {

    /** What a tensor is. */
    public enum Kind {
        /** Trained by the optimiser; PyTorch's default init U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
        WEIGHT,
        /** Trained by the optimiser; same default init as PyTorch's conv biases. */
        BIAS,
        /** State kept in the state dict but not trained by gradients (e.g. a VQ codebook). */
        BUFFER
    }

    public ParameterSpec {
        shape = shape.clone();
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(name + ": bad shape " + Arrays.toString(shape));
            }
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** A Conv1d weight (out, in, k) and its bias, as PyTorch's {@code nn.Conv1d} registers them. */
    public static ParameterSpec[] conv1d(String prefix, long in, long out, long kernel) {
        return new ParameterSpec[] {
            new ParameterSpec(prefix + ".weight", new long[] {out, in, kernel}, Kind.WEIGHT, in * kernel),
            new ParameterSpec(prefix + ".bias", new long[] {out}, Kind.BIAS, in * kernel),
        };
    }

    /**
     * A ConvTranspose1d weight (in, out, k) and its bias; PyTorch computes the fan-in of this layout from
     * dimension 1, i.e. {@code out * k}.
     */
    public static ParameterSpec[] convTranspose1d(String prefix, long in, long out, long kernel) {
        return new ParameterSpec[] {
            new ParameterSpec(prefix + ".weight", new long[] {in, out, kernel}, Kind.WEIGHT, out * kernel),
            new ParameterSpec(prefix + ".bias", new long[] {out}, Kind.BIAS, out * kernel),
        };
    }
}
