package io.fastjukebox.app.cli;

import io.fastjukebox.engine.generate.GenerationSettings;
import io.fastjukebox.engine.generate.PerLevel;
import java.security.SecureRandom;
import picocli.CommandLine.Option;

/** Sampling options (and which levels to sample) shared by generate and continue. */
final class SamplingOptions {

    @Option(names = "--seed", description = "Seed of every random draw (default: a random one, printed and recorded).")
    Long seed;

    @Option(names = "--temperature", paramLabel = "T|TOP,MIDDLE,BOTTOM",
            description = "Temperature per level (default: the model set's recommendation if it has one, else Jukebox's "
                    + "0.98,0.99,0.99; 'continue' keeps the job's).")
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

    /** Whether --temperature was given. */
    boolean temperatureGiven() {
        return temperature != null;
    }

    /** The settings; a missing seed is drawn at random, a missing temperature is {@code defaultTemperature}. */
    GenerationSettings settings(PerLevel defaultTemperature) {
        long s = seed != null ? seed : new SecureRandom().nextLong() >>> 17; // short enough to type back
        PerLevel t = temperature != null ? PerLevel.parse(temperature, "--temperature") : defaultTemperature;
        return new GenerationSettings(s, t, topK, topP,
                PerLevel.parse(hopFraction, "--hop-fraction"), maxBatchSize, 32);
    }
}
