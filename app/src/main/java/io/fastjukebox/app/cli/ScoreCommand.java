package io.fastjukebox.app.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.fastjukebox.engine.io.Npy;
import io.fastjukebox.engine.io.NpyArray;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorBundles;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.vqvae.CodesFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fastjukebox score --prior BUNDLE --codes CODES.npz}: mean NLL of codes under a prior. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Mean negative log-likelihood of the codes of the prior's level (nats and bits per token), over "
                + "consecutive windows of n_ctx codes; optionally every position's log-probability as .npy.")
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--prior", required = true, paramLabel = "BUNDLE", description = "Prior bundle.")
    Path priorFile;

    @Option(names = "--codes", required = true, paramLabel = "CODES.npz", description = "Codes file (e.g. from encode).")
    Path codesFile;

    @Option(names = "--item", defaultValue = "0", description = "Which clip of the file (default: ${DEFAULT-VALUE}).")
    int item;

    @Option(names = "--npy", paramLabel = "OUT.npy", description = "Write per-position log-probabilities (float32, nats).")
    Path npy;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (npy != null) {
            OutputPaths.check(npy, ".npy", codesFile);
        }
        CodesFile codes = CodesFile.read(codesFile);
        engine.configure();
        try (Prior prior = PriorBundles.load(priorFile)) {
            PriorConfig c = prior.config();
            if (c.level() >= codes.levels().length || c.isUpsampler() && c.level() + 1 >= codes.levels().length) {
                throw new IllegalArgumentException(codesFile + ": has no level-" + c.level() + " codes"
                        + (c.isUpsampler() ? " with the level above" : ""));
            }
            if (item < 0 || item >= codes.levels()[c.level()].length) {
                throw new IllegalArgumentException("--item " + item + ": the file holds " + codes.levels()[c.level()].length + " clip(s)");
            }
            int[] z = codes.levels()[c.level()][item];
            int windows = z.length / c.nCtx();
            if (windows == 0) {
                throw new IllegalArgumentException(codesFile + ": " + z.length + " level-" + c.level()
                        + " codes are fewer than one window of n_ctx " + c.nCtx());
            }
            float[] logProbs = new float[windows * c.nCtx()];
            JniUtils.setGradMode(false);
            try (NDManager m = prior.manager().newSubManager()) {
                for (int w = 0; w < windows; w++) {
                    int[] window = java.util.Arrays.copyOfRange(z, w * c.nCtx(), (w + 1) * c.nCtx());
                    NDArray codesNd = Prior.toCodes(m, new int[][] {window});
                    NDArray upper = null;
                    if (c.isUpsampler()) {
                        int up = c.conditioner().upsampling();
                        upper = Prior.toCodes(m, new int[][] {java.util.Arrays.copyOfRange(codes.levels()[c.level() + 1][item],
                                w * c.nCtx() / up, (w + 1) * c.nCtx() / up)});
                    }
                    NDArray logits = prior.forward(codesNd, upper, false, false).logits();
                    NDArray lp = Prior.logProbabilities(logits, codesNd); // (1, T)
                    System.arraycopy(lp.toFloatArray(), 0, logProbs, w * c.nCtx(), c.nCtx());
                }
            }
            double sum = 0;
            for (float v : logProbs) {
                sum -= v;
            }
            double nats = sum / logProbs.length;
            spec.commandLine().getOut().printf(Locale.ROOT, "%s on %s (level %d, %d windows of %d codes): "
                    + "NLL %.4f nats = %.4f bits per token%n", priorFile, codesFile, c.level(), windows, c.nCtx(), nats,
                    nats / Math.log(2));
            if (npy != null) {
                Npy.write(npy, NpyArray.ofFloats(logProbs, logProbs.length));
                spec.commandLine().getOut().println("wrote " + npy);
            }
        }
        return 0;
    }
}
