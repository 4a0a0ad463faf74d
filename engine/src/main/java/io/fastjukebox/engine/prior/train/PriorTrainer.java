package io.fastjukebox.engine.prior.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.jobs.Checkpointer;
import io.fastjukebox.engine.jobs.TrainingListener;
import io.fastjukebox.engine.jobs.TrainingLoop;
import io.fastjukebox.engine.nn.Adam;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a prior by next-token cross-entropy on windows of codes (Jukebox's gen_loss, reported in
 * bits per token). Each step draws its windows from a generator seeded by (seed, step), so a resumed
 * run sees the same batches as an uninterrupted one.
 */
public final class PriorTrainer {
    private static final double LN2 = Math.log(2);
    private final Prior prior;
    private final PriorConfig config;
    private final CodeCorpus corpus;
    private final PriorTrainParams params;
    private final Adam adam;

    public PriorTrainer(Prior prior, CodeCorpus corpus, PriorTrainParams params) {
        this.prior = prior;
        this.config = prior.config();
        this.corpus = corpus;
        this.params = params;
        prior.parameters().requireGradients(true);
        this.adam = new Adam(prior.parameters(), 0.9, 0.999, 1e-8, params.weightDecay(), params.maxGradNorm());
    }

    public Adam optimiser() {
        return adam;
    }

    public PriorTrainParams params() {
        return params;
    }

    private int upsampling() {
        return config.isUpsampler() ? config.conditioner().upsampling() : 0;
    }

    /** Runs step {@code step} (1-based) and returns its metrics. */
    public Map<String, Double> step(long step) {
        CodeCorpus.Batch batch = corpus.batch(params.seed(), step, params.batchSize(), config.level(), config.nCtx(),
                upsampling());
        Map<String, Double> metrics = new LinkedHashMap<>();
        JniUtils.setGradMode(true);
        try (NDScope scope = new NDScope()) {
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = loss(batch, prior.manager());
                metrics.put("loss_bits", loss.getFloat() / LN2);
                gc.backward(loss);
            }
        }
        metrics.put("grad_norm", adam.step(params.learningRate(step)));
        metrics.put("lr", params.learningRate(step));
        return metrics;
    }

    /** Mean next-token cross-entropy in nats over a batch of windows. */
    NDArray loss(CodeCorpus.Batch batch, NDManager m) {
        NDArray z = Prior.toCodes(m, batch.codes()); // (N, T)
        NDArray upper = batch.upper() == null ? null : Prior.toCodes(m, batch.upper());
        NDArray logits = prior.forward(z, upper, false, false).logits(); // (N, T, V)
        return Prior.logProbabilities(logits, z).neg().mean();
    }

    /** Mean held-out loss in bits per token over a fixed set of windows (the same at every validation). */
    public double heldOutBits(int windows) {
        List<int[][]> tracks = corpus.heldOut().isEmpty() ? corpus.train() : corpus.heldOut();
        SplittableRandom rng = new SplittableRandom(12345);
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        double sum = 0;
        try {
            for (int i = 0; i < windows; i++) {
                try (NDScope scope = new NDScope()) {
                    CodeCorpus.Window w = CodeCorpus.window(tracks, rng, config.level(), config.nCtx(), upsampling());
                    sum += loss(CodeCorpus.Batch.of(List.of(w)), prior.manager()).getFloat();
                }
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        return sum / windows / LN2;
    }

    /** Trains from {@code firstStep} to the end, checkpointing and validating; returns the last finished step. */
    public long run(long firstStep, CancellationToken cancel, TrainingListener listener, Checkpointer checkpoint)
            throws IOException {
        return new TrainingLoop(params.steps(), params.checkpointEvery(), params.validateEvery(), "loss_bits").run(firstStep,
                this::step, step -> Map.of("held_out_bits_per_token", heldOutBits(8)), checkpoint, cancel, listener);
    }
}
