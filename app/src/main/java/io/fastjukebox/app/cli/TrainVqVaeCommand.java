package io.fastjukebox.app.cli;

import io.fastjukebox.engine.vqvae.VqVaeConfig;
import io.fastjukebox.engine.vqvae.VqVaePresets;
import io.fastjukebox.engine.vqvae.train.VqVaeTrainParams;
import io.fastjukebox.engine.vqvae.train.VqVaeTrainingRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fastjukebox train-vqvae}: trains a VQ-VAE on a folder of audio, with checkpoints and resume. */
@Command(name = "train-vqvae", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a Jukebox VQ-VAE on a folder of audio files. OUT (the model) and OUT.train (the same plus "
                + "optimiser state) are rewritten atomically at every checkpoint; Ctrl-C saves and exits; --resume "
                + "continues exactly.")
final class TrainVqVaeCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder of .wav/.flac/.ogg/.mp3 files.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Model bundle to write (e.g. vqvae.fjb).")
    Path out;

    @Option(names = "--preset", defaultValue = "small", description = "small, jukebox, or a JSON config (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--steps", defaultValue = "10000", description = "Total optimisation steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--batch-size", defaultValue = "4", description = "Windows per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--sample-length", defaultValue = "16384", description = "Samples per window (default: ${DEFAULT-VALUE}).")
    int sampleLength;

    @Option(names = "--lr", defaultValue = "3e-4", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--checkpoint-every", defaultValue = "200", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--validate-every", defaultValue = "500", description = "Steps between held-out evaluations, 0 = never (default: ${DEFAULT-VALUE}).")
    int validateEvery;

    @Option(names = "--hold-out-every", defaultValue = "10", description = "Hold out every n-th file for validation, 0 = none (default: ${DEFAULT-VALUE}).")
    int holdOutEvery;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of weights, data order and restarts (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Continue OUT.train (to --steps, if larger).")
    boolean resume;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        VqVaeConfig config = VqVaePresets.resolve(preset);
        VqVaeTrainParams defaults = VqVaeTrainParams.defaults(steps);
        VqVaeTrainParams params = new VqVaeTrainParams(steps, batchSize, sampleLength, lr, defaults.warmupSteps(),
                defaults.lmixL1(), defaults.lmixL2(), defaults.lmixLinf(), defaults.linfK(), defaults.multispectral(),
                defaults.maxGradNorm(), defaults.targetRmsDbfs(), holdOutEvery, checkpointEvery, validateEvery, seed);
        engine.configure();
        SaveOnExit.run(cancel -> VqVaeTrainingRun.run(
                new VqVaeTrainingRun.Request(data, config, params, out, resume), cancel,
                new ProgressPrinter(spec.commandLine().getOut(), 5)),
                outcome -> spec.commandLine().getOut().println(outcome.describe(out)));
        return 0;
    }
}
