package io.fastjukebox.engine.nn;

import java.util.Arrays;

/**
 * One named tensor of a model, named exactly as in the official PyTorch state dict.
 *
 * @param name the state-dict key, e.g. {@code encoders.0.level_blocks.0.model.0.0.weight}
 * @param shape the PyTorch shape (layouts are PyTorch's: Conv1d (out, in, k), ConvTranspose1d (in, out, k))
 * @param kind how the tensor is initialised and whether it gets gradients
 * @param scale for {@link Kind#UNIFORM}, the fan-in PyTorch uses (bound {@code 1/sqrt(scale)}); for
 *     {@link Kind#NORMAL}, the standard deviation; unused otherwise
 */
public record ParameterSpec(String name, long[] shape, Kind kind, double scale) {

    /** How a tensor is initialised; every kind but {@link #BUFFER} is trained by gradients. */
    public enum Kind {
        /** PyTorch's default for convolutions and linear layers: U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
        UNIFORM,
        /** N(0, scale^2), as Jukebox initialises its Conv1D and embedding tables. */
        NORMAL,
        /** All ones (LayerNorm gains). */
        ONES,
        /** All zeros (Conv1D and LayerNorm biases). */
        ZEROS,
        /** State kept in the state dict but not trained by gradients (e.g. a VQ codebook); zeros. */
        BUFFER
    }

    /** A tensor initialised N(0, std^2). */
    public static ParameterSpec normal(String name, double std, long... shape) {
        return new ParameterSpec(name, shape, Kind.NORMAL, std);
    }

    /** A tensor of ones. */
    public static ParameterSpec ones(String name, long... shape) {
        return new ParameterSpec(name, shape, Kind.ONES, 0);
    }

    /** A tensor of zeros. */
    public static ParameterSpec zeros(String name, long... shape) {
        return new ParameterSpec(name, shape, Kind.ZEROS, 0);
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
            new ParameterSpec(prefix + ".weight", new long[] {out, in, kernel}, Kind.UNIFORM, in * kernel),
            new ParameterSpec(prefix + ".bias", new long[] {out}, Kind.UNIFORM, in * kernel),
        };
    }

    /**
     * A ConvTranspose1d weight (in, out, k) and its bias; PyTorch computes the fan-in of this layout from
     * dimension 1, i.e. {@code out * k}.
     */
    public static ParameterSpec[] convTranspose1d(String prefix, long in, long out, long kernel) {
        return new ParameterSpec[] {
            new ParameterSpec(prefix + ".weight", new long[] {in, out, kernel}, Kind.UNIFORM, out * kernel),
            new ParameterSpec(prefix + ".bias", new long[] {out}, Kind.UNIFORM, out * kernel),
        };
    }
}
