package io.fastjukebox.engine.vqvae.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.jobs.Checkpointer;
import io.fastjukebox.engine.jobs.TrainingListener;
import io.fastjukebox.engine.jobs.TrainingLoop;
import io.fastjukebox.engine.nn.Adam;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeConfig;
import io.fastjukebox.engine.vqvae.VqVaeLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a VQ-VAE the way jukebox/vqvae/vqvae.py does: every level encodes the same windows,
 * quantises them (straight-through estimator, commitment loss, EMA codebook with restarts) and
 * decodes back to audio; the loss sums lmix reconstruction, multispectral and commitment terms over
 * levels. Each step draws its data and restarts from a generator seeded by (seed, step), so a
 * resumed run sees exactly the batches an uninterrupted one would.
 */
public final class VqVaeTrainer {
    private final VqVae model;
    private final VqVaeConfig config;
    private final TrainingAudio data;
    private final VqVaeTrainParams params;
    private final Bandwidth bandwidth;
    private final Adam adam;
    private final CodebookEma[] ema;
    private final NDManager manager;

    public VqVaeTrainer(VqVae model, TrainingAudio data, VqVaeTrainParams params, Bandwidth bandwidth) {
        this.model = model;
        this.config = model.config();
        if (params.sampleLength() % config.hopLength(config.levels() - 1) != 0) {
            throw new IllegalArgumentException("sample length " + params.sampleLength() + " is not a multiple of the top hop length "
                    + config.hopLength(config.levels() - 1));
        }
        this.data = data;
        this.params = params;
        this.bandwidth = bandwidth;
        this.manager = model.manager();
        model.parameters().requireGradients(true);
        this.adam = new Adam(model.parameters(), 0.9, 0.999, 1e-8, 0, params.maxGradNorm());
        this.ema = new CodebookEma[config.levels()];
        for (int l = 0; l < ema.length; l++) {
            ema[l] = new CodebookEma(config.lBins(), config.embWidth(), config.lMu(), config.revivalThreshold());
        }
    }

    public Adam optimiser() {
        return adam;
    }

    public CodebookEma codebookEma(int level) {
        return ema[level];
    }

    public VqVaeTrainParams params() {
        return params;
    }

    public Bandwidth bandwidth() {
        return bandwidth;
    }

    /** The generator of step {@code step}: independent of everything that happened before it. */
    static SplittableRandom stepRandom(long seed, long step) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (step + 1) * 0xBF58476D1CE4E5B9L);
    }

    /** Runs one optimisation step ({@code step} is 1-based) and returns its metrics. */
    public Map<String, Double> step(long step) {
        SplittableRandom rng = stepRandom(params.seed(), step);
        int b = params.batchSize();
        int t = params.sampleLength();
        float[] batch = new float[b * t];
        for (int i = 0; i < b; i++) {
            System.arraycopy(data.window(rng, t), 0, batch, i * t, t);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        JniUtils.setGradMode(true); // a fresh thread may differ; be explicit (djl-notes 5)
        try (NDScope scope = new NDScope()) {
            NDArray x = manager.create(batch, new Shape(b, 1, t)); // (B, 1, T)
            NDArray target = x.reshape(b, t); // (B, 1, T) -> (B, T)
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = manager.zeros(new Shape());
                for (int level = config.levels() - 1; level >= 0; level--) {
                    loss = loss.add(levelLoss(x, target, level, rng, metrics));
                }
                metrics.put("loss", (double) loss.getFloat());
                gc.backward(loss);
            }
        }
        metrics.put("grad_norm", adam.step(params.learningRate(step)));
        metrics.put("lr", params.learningRate(step));
        return metrics;
    }

    private NDArray levelLoss(NDArray x, NDArray target, int level, SplittableRandom rng, Map<String, Double> metrics) {
        long b = x.getShape().get(0);
        NDArray enc = model.encodeContinuous(x, level); // (B, D, T_l)
        NDArray flat = enc.stopGradient().transpose(0, 2, 1).reshape(-1, config.embWidth()); // (B*T_l, D)
        NDArray k = model.parameters().get(VqVaeLayout.codebook(level));
        if (!ema[level].initialised()) {
            copyInto(k, ema[level].initialise(flat, manager, rng));
        }
        NDArray codes = model.quantise(enc.stopGradient(), level); // (B, T_l)
        NDArray xq = model.dequantise(codes, level); // (B, D, T_l), old codebook
        NDArray commit = xq.sub(enc).square().mean();
        NDArray straightThrough = enc.add(xq.sub(enc).stopGradient());
        CodebookEma.Stats[] stats = new CodebookEma.Stats[1];
        copyInto(k, ema[level].update(flat, codes.reshape(-1), k, rng, stats));

        NDArray out = model.decodeContinuous(straightThrough, level).reshape(b, -1); // (B, 1, T) -> (B, T)
        NDArray recons = VqVaeLoss.lmix(target, out, bandwidth, params.lmixL1(), params.lmixL2(), params.lmixLinf(),
                params.linfK());
        NDArray multispec = VqVaeLoss.multispectral(target, out, bandwidth, VqVaeLoss.MULTISPECTRAL);
        String l = "_l" + (level + 1);
        metrics.put("recons" + l, (double) recons.getFloat());
        metrics.put("multispectral" + l, (double) multispec.getFloat());
        metrics.put("commit" + l, (double) commit.getFloat());
        metrics.put("used_codes" + l, (double) stats[0].usedCodes());
        metrics.put("perplexity" + l, stats[0].perplexity());
        return recons.add(multispec.mul((float) params.multispectral())).add(commit.mul((float) config.commit()));
    }

    private static void copyInto(NDArray target, NDArray values) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            target.set(new NDIndex(":, :"), values);
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /**
     * Trains from {@code firstStep} (1-based) to {@code params.steps()}, checkpointing through
     * {@code checkpoint} every {@code checkpointEvery} steps and at the end or on cancellation.
     *
     * @return the last finished step
     */
    public long run(long firstStep, CancellationToken cancel, TrainingListener listener, Checkpointer checkpoint)
            throws java.io.IOException {
        return new TrainingLoop(params.steps(), params.checkpointEvery(), params.validateEvery(), "loss").run(firstStep,
                this::step, step -> data.heldOut().isEmpty() ? null : Validation.evaluate(model, data.heldOut(), 10),
                checkpoint, cancel, listener);
    }
}
