package io.fastjukebox.engine.vqvae;

import io.fastjukebox.engine.io.NpyArray;
import io.fastjukebox.engine.io.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * VQ-VAE codes as a NumPy {@code .npz}: {@code level_<L>} int32 arrays of shape (N, T_L) (N clips),
 * plus {@code sample_rate} and {@code hop_lengths}, so Python reads them with {@code np.load} and
 * a decoder can check they belong to its model.
 *
 * @param sampleRate the model's sample rate
 * @param hopLengths samples per code at each level
 * @param levels {@code levels[L][n]} are the codes of clip n at level L
 */
public record CodesFile(int sampleRate, int[] hopLengths, int[][][] levels) {

    /** The codes of one clip encoded by {@code config}'s model. */
    public static CodesFile of(VqVaeConfig config, int[][] oneClip) {
        int[] hops = new int[config.levels()];
        int[][][] levels = new int[config.levels()][][];
        for (int l = 0; l < hops.length; l++) {
            hops[l] = config.hopLength(l);
            levels[l] = new int[][] {oneClip[l]};
        }
        return new CodesFile(config.sampleRate(), hops, levels);
    }

    /** Writes atomically. */
    public void write(Path file) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (int l = 0; l < levels.length; l++) {
            int n = levels[l].length;
            int t = n == 0 ? 0 : levels[l][0].length;
            int[] flat = new int[n * t];
            for (int i = 0; i < n; i++) {
                System.arraycopy(levels[l][i], 0, flat, i * t, t);
            }
            arrays.put("level_" + l, NpyArray.ofInts(flat, n, t));
        }
        arrays.put("sample_rate", NpyArray.ofInts(new int[] {sampleRate}));
        arrays.put("hop_lengths", NpyArray.ofInts(hopLengths.clone(), hopLengths.length));
        Npz.write(file, arrays);
    }

    /** Reads a codes file, checking its structure; errors name the file. */
    public static CodesFile read(Path file) throws IOException {
        return fromArrays(file, Npz.read(file));
    }

    /** A codes file from the arrays of an .npz already read from {@code file} (named in errors). */
    public static CodesFile fromArrays(Path file, Map<String, NpyArray> arrays) throws IOException {
        NpyArray rate = arrays.get("sample_rate");
        NpyArray hops = arrays.get("hop_lengths");
        if (rate == null || hops == null) {
            throw new IOException(file + ": not a codes file (needs sample_rate and hop_lengths arrays; "
                    + "write one with 'fastjukebox encode')");
        }
        int[] hopLengths = hops.toIntArray();
        int[][][] levels = new int[hopLengths.length][][];
        for (int l = 0; l < levels.length; l++) {
            NpyArray a = arrays.get("level_" + l);
            if (a == null || a.shape().length != 2) {
                throw new IOException(file + ": missing or malformed level_" + l + " (expected an (N, T) integer array)");
            }
            int[] flat = a.toIntArray();
            int n = a.shape()[0];
            int t = a.shape()[1];
            levels[l] = new int[n][];
            for (int i = 0; i < n; i++) {
                levels[l][i] = java.util.Arrays.copyOfRange(flat, i * t, (i + 1) * t);
            }
        }
        return new CodesFile(rate.toIntArray()[0], hopLengths, levels);
    }

    /** Fails with a clear message unless these codes fit {@code config}'s model at {@code level}. */
    public void checkFits(Path file, VqVaeConfig config, int level) throws IOException {
        if (level < 0 || level >= levels.length) {
            throw new IOException(file + ": has levels 0.." + (levels.length - 1) + ", not level " + level);
        }
        if (level >= config.levels() || hopLengths[level] != config.hopLength(level) || sampleRate != config.sampleRate()) {
            throw new IOException(file + ": level " + level + " codes (hop " + hopLengths[level] + " at " + sampleRate
                    + " Hz) do not belong to this VQ-VAE (hop " + (level < config.levels() ? config.hopLength(level) : "-")
                    + " at " + config.sampleRate() + " Hz)");
        }
    }
}
