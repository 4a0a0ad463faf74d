package io.fastjukebox.engine.vqvae.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.fastjukebox.engine.audio.Stft;

/**
 * The reconstruction losses of jukebox/vqvae/vqvae.py ({@code _loss_fn}) and
 * jukebox/utils/audio_utils.py ({@code spec}, {@code multispectral_loss}), on (N, T) arrays.
 */
public final class VqVaeLoss {
    // Scalars are passed as float: a double scalar makes DJL create a float64 tensor, and 0-d results
    // (means) would then be promoted to float64.
    /** The three (n_fft, hop, window) resolutions of the released multispectral loss. */
    public static final int[][] MULTISPECTRAL = {{2048, 240, 1200}, {1024, 120, 600}, {512, 50, 240}};
    /** The single resolution of {@code DefaultSTFTValues}, used by the bandwidth and spectral convergence. */
    public static final int[] DEFAULT_STFT = {2048, 256, 1536};

    private VqVaeLoss() {}

    /** {@code mean((y - x)^2) / bw.l2}. */
    public static NDArray l2(NDArray x, NDArray y, Bandwidth bw) {
        return y.sub(x).square().mean().div((float) bw.l2());
    }

    /** {@code mean|y - x| / bw.l1}. */
    public static NDArray l1(NDArray x, NDArray y, Bandwidth bw) {
        return y.sub(x).abs().mean().div((float) bw.l1());
    }

    /** Mean over the batch of the {@code k} largest squared errors of each item, over {@code bw.l2}. */
    public static NDArray linf(NDArray x, NDArray y, int k, Bandwidth bw) {
        long n = x.getShape().get(0);
        NDArray residual = y.sub(x).square().reshape(n, -1); // (N, T)
        int kk = (int) Math.min(k, residual.getShape().get(1));
        return residual.topK(kk, 1, true, false).get(0).mean().div((float) bw.l2());
    }

    /** Jukebox's 'lmix': {@code l1 * L1 + l2 * L2 + linf * Linf}, skipping zero weights. */
    public static NDArray lmix(NDArray x, NDArray y, Bandwidth bw, double wL1, double wL2, double wLinf, int linfK) {
        NDArray loss = x.getManager().zeros(new Shape());
        if (wL1 != 0) {
            loss = loss.add(l1(x, y, bw).mul((float) wL1));
        }
        if (wL2 != 0) {
            loss = loss.add(l2(x, y, bw).mul((float) wL2));
        }
        if (wLinf != 0) {
            loss = loss.add(linf(x, y, linfK, bw).mul((float) wLinf));
        }
        return loss;
    }

    /**
     * Magnitude STFT (N, F, frames) as {@code torch.stft(x, n_fft, hop, win_length=window,
     * window=hann_window(window))}: centred, reflect-padded, with the periodic Hann window of
     * {@code window} samples zero-padded to {@code nFft} in the middle, as torch does.
     */
    public static NDArray spec(NDArray x, int nFft, int hop, int window) {
        NDManager m = x.getManager();
        double[] hann = Stft.hann(window);
        float[] padded = new float[nFft];
        int left = (nFft - window) / 2;
        for (int i = 0; i < window; i++) {
            padded[left + i] = (float) hann[i];
        }
        NDArray w = m.create(padded).toDevice(x.getDevice(), false);
        return x.stft(nFft, hop, true, w, false, true).abs();
    }

    /**
     * Per item, the mean over the three resolutions of {@code ||spec(x) - spec(y)||_2}; then the
     * batch mean, over {@code bw.spec} ({@code _multispectral_loss}).
     */
    public static NDArray multispectral(NDArray x, NDArray y, Bandwidth bw, int[][] resolutions) {
        long n = x.getShape().get(0);
        NDArray total = null;
        for (int[] r : resolutions) {
            NDArray diff = spec(x, r[0], r[1], r[2]).sub(spec(y, r[0], r[1], r[2])); // (N, F, frames)
            NDArray perItem = diff.square().reshape(n, -1).sum(new int[] {1}).sqrt(); // (N,)
            total = total == null ? perItem : total.add(perItem);
        }
        return total.div((float) resolutions.length).div((float) bw.spec()).mean();
    }

    /**
     * Spectral convergence, a metric ({@code spectral_convergence}): per item
     * {@code ||S(x) - S(y)|| / max(||S(x)||, 2e-3)}, zero where {@code ||S(x)|| <= 2e-3}; averaged.
     */
    public static NDArray spectralConvergence(NDArray x, NDArray y) {
        long n = x.getShape().get(0);
        NDArray sx = spec(x, DEFAULT_STFT[0], DEFAULT_STFT[1], DEFAULT_STFT[2]);
        NDArray sy = spec(y, DEFAULT_STFT[0], DEFAULT_STFT[1], DEFAULT_STFT[2]);
        NDArray num = sx.sub(sy).square().reshape(n, -1).sum(new int[] {1}).sqrt();
        NDArray gt = sx.square().reshape(n, -1).sum(new int[] {1}).sqrt();
        NDArray mask = gt.gt(2e-3).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        return num.mul(mask).div(gt.clip(2e-3, Double.MAX_VALUE)).mean();
    }
}
