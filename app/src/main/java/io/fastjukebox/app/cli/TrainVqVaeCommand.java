package io.fastjukebox.app.cli;

import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.vqvae.VqVaeConfig;
import io.fastjukebox.engine.vqvae.VqVaePresets;
import io.fastjukebox.engine.vqvae.train.VqVaeTrainParams;
import io.fastjukebox.engine.vqvae.train.VqVaeTrainingRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        CancellationToken cancel = new CancellationToken();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel(); // Ctrl-C: finish the current step, save, exit
            try {
                finished.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fastjukebox-save-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            long last = VqVaeTrainingRun.run(new VqVaeTrainingRun.Request(data, config, params, out, resume), cancel,
                    new ProgressPrinter(spec.commandLine().getOut(), 5));
            spec.commandLine().getOut().println((cancel.isCancelled() ? "stopped" : "finished") + " at step " + last
                    + "; model: " + out + "; resume with --resume");
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running; it returns now that we are finished
            }
        }
    }
}
