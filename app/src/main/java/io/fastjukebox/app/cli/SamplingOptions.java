package io.fastjukebox.app.cli;

import io.fastjukebox.engine.generate.GenerationSettings;
import io.fastjukebox.engine.generate.PerLevel;
import java.security.SecureRandom;
import picocli.CommandLine.Option;

/** Sampling options (and which levels to sample) shared by generate and continue. */
final class SamplingOptions {

    @Option(names = "--seed", description = "Seed of every random draw (default: a random one, printed and recorded).")
    Long seed;

    @Option(names = "--temperature", defaultValue = "0.98,0.99,0.99", paramLabel = "T|TOP,MIDDLE,BOTTOM",
            description = "Temperature per level (default: ${DEFAULT-VALUE}).")
    String temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "Keep the k most likely codes; 0 = off (default).")
    int topK;

    @Option(names = "--top-p", defaultValue = "0", description = "Nucleus sampling; 0 = off (default).")
    double topP;

    @Option(names = "--hop-fraction", defaultValue = "0.125,0.5,0.5", paramLabel = "F|TOP,MIDDLE,BOTTOM",
            description = "Window advance per level as a fraction of the context (default: ${DEFAULT-VALUE}).")
    String hopFraction;

    @Option(names = "--max-batch-size", defaultValue = "16", description = "Sequences sampled together at most (default: ${DEFAULT-VALUE}).")
    int maxBatchSize;

    @Option(names = "--levels", defaultValue = "all", paramLabel = "top|all",
            description = "Sample only the top level (then pick with 'upsample'), or all levels (default).")
    String levels;

    /** Whether every level is sampled ({@code --levels all}) or only the top one. */
    boolean allLevels(picocli.CommandLine.Model.CommandSpec spec) {
        return switch (levels) {
            case "all" -> true;
            case "top" -> false;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--levels " + levels + ": use top or all");
        };
    }

    /** The settings; a missing seed is drawn at random. */
    GenerationSettings settings() {
        long s = seed != null ? seed : new SecureRandom().nextLong() >>> 17; // short enough to type back
        return new GenerationSettings(s, PerLevel.parse(temperature, "--temperature"), topK, topP,
                PerLevel.parse(hopFraction, "--hop-fraction"), maxBatchSize, 32);
    }
}
