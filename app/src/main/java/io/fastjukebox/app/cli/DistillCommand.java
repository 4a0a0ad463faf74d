package io.fastjukebox.app.cli;

import io.fastjukebox.engine.distill.DistillMode;
import io.fastjukebox.engine.distill.DistillParams;
import io.fastjukebox.engine.distill.DistillRun;
import io.fastjukebox.engine.distill.LossWeights;
import io.fastjukebox.engine.prior.train.TrainingCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fastjukebox distill}: distils a teacher prior into a shallower student (the Fast Jukebox method). */
@Command(name = "distill", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Distil a teacher prior into a student with fewer layers (whole attention-pattern cycles) and "
                + "optionally a smaller width. full: intermediate-layer distillation (hidden-state and attention MSE of "
                + "layers mapped by pattern) for E1 epochs, then prediction-layer distillation (soft cross-entropy) for E2; "
                + "intermediate: the intermediate-layer loss for E1+E2 epochs (the paper's 'w/o pred'); mle: the same "
                + "student trained by cross-entropy alone for E1+E2 epochs (the baseline). OUT and OUT.train are rewritten "
                + "atomically at every checkpoint; Ctrl-C saves and exits; --resume continues exactly.")
final class DistillCommand implements Callable<Integer> {

    @Option(names = "--teacher", required = true, paramLabel = "BUNDLE", description = "The teacher prior.")
    Path teacher;

    @Option(names = "--layers", required = true, paramLabel = "N", description = "Student layers (a multiple of the "
            + "attention-pattern cycle, e.g. 24 or 18 of 72).")
    int layers;

    @Option(names = "--width", paramLabel = "W", description = "Student width (default: the teacher's); a narrower "
            + "student's hidden states are compared through a learned projection.")
    Integer width;

    @Option(names = "--level", required = true, description = "top, middle, bottom, or a level number: the teacher's level.")
    String level;

    @Option(names = "--data", required = true, paramLabel = "DIR|CODES.npz", description = "Audio folder, or a codes file.")
    Path data;

    @Option(names = "--vqvae", paramLabel = "BUNDLE", description = "The VQ-VAE that encodes an audio folder (cached as "
            + "OUT.codes.npz).")
    Path vqvae;

    @Option(names = "--mode", defaultValue = "full", description = "full, intermediate or mle (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--epochs", defaultValue = "20,50", paramLabel = "E1,E2", description = "Epochs of the two phases "
            + "(default: ${DEFAULT-VALUE}).")
    String epochs;

    @Option(names = "--steps-per-epoch", defaultValue = "0", description = "Steps per epoch; 0 = training windows / batch "
            + "(default: ${DEFAULT-VALUE}).")
    int stepsPerEpoch;

    @Option(names = "--batch-size", defaultValue = "8", description = "Windows per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "3e-4", description = "Peak learning rate of each phase (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--temperature", defaultValue = "1",
            description = "Soft cross-entropy temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--hidden-weight", defaultValue = "1", description = "Weight of the hidden-state MSE in phase 1 "
            + "(default: ${DEFAULT-VALUE}).")
    double hiddenWeight;

    @Option(names = "--attention-weight", defaultValue = "1", description = "Weight of the attention-weight MSE in phase 1; "
            + "0 also skips keeping the attention matrices (default: ${DEFAULT-VALUE}).")
    double attentionWeight;

    @Option(names = "--hard-weight", defaultValue = "0", description = "Weight of the hard-label cross-entropy added in "
            + "phase 2 (default: ${DEFAULT-VALUE}).")
    double hardWeight;

    @Option(names = "--checkpoint-every", defaultValue = "200",
            description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--validate-every", defaultValue = "200", description = "Steps between held-out NLL / KL / top-1, "
            + "0 = never (default: ${DEFAULT-VALUE}).")
    int validateEvery;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the student and the data order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Student bundle to write.")
    Path out;

    @Option(names = "--resume", description = "Continue OUT.train with the settings stored in it.")
    boolean resume;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DistillMode m = DistillMode.parse(mode);
        int[] e = parseEpochs(epochs);
        DistillParams defaults = DistillParams.defaults(m);
        DistillParams params = new DistillParams(m, e[0], e[1], stepsPerEpoch, batchSize, lr, defaults.warmupSteps(),
                defaults.weightDecay(), defaults.maxGradNorm(),
                new LossWeights(hiddenWeight, attentionWeight, 1, hardWeight, temperature),
                defaults.holdOutEvery(), checkpointEvery, validateEvery, seed);
        OutputPaths.check(out, ".fjb", teacher);
        engine.configure();
        ProgressPrinter printer = new ProgressPrinter(spec.commandLine().getOut(), 5);
        TrainingCodes codes = TrainingCodes.load(data, vqvae, out.resolveSibling(out.getFileName() + ".codes.npz"),
                printer::onMessage);
        if (codes.tracks().isEmpty()) {
            throw new IllegalArgumentException(data + ": holds no clips to distil on");
        }
        int l = Levels.parse(level, codes.tracks().get(0).length);
        SaveOnExit.run(cancel -> DistillRun.run(new DistillRun.Request(teacher, l, layers, width, codes.tracks(),
                codes.provenance(), params, out, resume), cancel, printer),
                outcome -> spec.commandLine().getOut().println(outcome.describe(out)));
        return 0;
    }

    /** {@code E1,E2} as two non-negative integers. */
    static int[] parseEpochs(String text) {
        String[] parts = text.split(",");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--epochs " + text + ": give the epochs of both phases as E1,E2, e.g. 20,50");
    }
}
