package io.fastjukebox.app.cli;

import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.PriorFit;
import io.fastjukebox.engine.prior.PriorPresets;
import io.fastjukebox.engine.prior.train.PriorTrainParams;
import io.fastjukebox.engine.prior.train.PriorTrainingRun;
import io.fastjukebox.engine.prior.train.TrainingCodes;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeBundles;
import io.fastjukebox.engine.vqvae.VqVaeConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fastjukebox train-prior}: trains a top prior or an upsampler on VQ-VAE codes. */
@Command(name = "train-prior", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a prior on the codes of one VQ-VAE level. Audio folders are encoded once (cached as "
                + "OUT.codes.npz). OUT and OUT.train are rewritten atomically at every checkpoint; Ctrl-C saves and exits; "
                + "--resume continues exactly.")
final class TrainPriorCommand implements Callable<Integer> {

    @Option(names = "--vqvae", required = true, paramLabel = "BUNDLE", description = "The VQ-VAE whose codes are modelled.")
    Path vqvae;

    @Option(names = "--data", required = true, paramLabel = "DIR|CODES.npz", description = "Audio folder, or a codes file.")
    Path data;

    @Option(names = "--level", required = true, description = "top, middle, bottom, or a level number (0 = bottom).")
    String level;

    @Option(names = "--preset", required = true, paramLabel = "NAME|CONFIG.json", description = "Prior architecture.")
    String preset;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Prior bundle to write.")
    Path out;

    @Option(names = "--steps", defaultValue = "10000", description = "Total steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--batch-size", defaultValue = "8", description = "Windows per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "3e-4", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--checkpoint-every", defaultValue = "200", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--validate-every", defaultValue = "200", description = "Steps between held-out losses, 0 = never (default: ${DEFAULT-VALUE}).")
    int validateEvery;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of weights and data order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Continue OUT.train (to --steps, if larger).")
    boolean resume;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PriorConfig config = PriorPresets.resolve(preset);
        PriorTrainParams defaults = PriorTrainParams.defaults(steps);
        PriorTrainParams params = new PriorTrainParams(steps, batchSize, lr, defaults.warmupSteps(), defaults.weightDecay(),
                defaults.maxGradNorm(), defaults.holdOutEvery(), checkpointEvery, validateEvery, seed);
        engine.configure();
        try (VqVae model = VqVaeBundles.load(vqvae)) {
            int l = Levels.parse(level, model.config().levels());
            PriorFit.check(config, model.config(), l);
        }
        ProgressPrinter printer = new ProgressPrinter(spec.commandLine().getOut(), 5);
        TrainingCodes codes = TrainingCodes.load(data, vqvae, out.resolveSibling(out.getFileName() + ".codes.npz"),
                printer::onMessage);
        SaveOnExit.run(cancel -> PriorTrainingRun.run(
                new PriorTrainingRun.Request(codes.tracks(), codes.provenance(), config, params, out, resume), cancel, printer),
                outcome -> spec.commandLine().getOut().println(outcome.describe(out)));
        return 0;
    }
}
