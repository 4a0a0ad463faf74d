package io.fastjukebox.app.cli;

import io.fastjukebox.engine.generate.GenerationSettings;
import io.fastjukebox.engine.generate.PerLevel;
import java.security.SecureRandom;
import picocli.CommandLine.Option;

/** Sampling options shared by generate and continue. */
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

    /** The settings; a missing seed is drawn at random. */
    GenerationSettings settings() {
        long s = seed != null ? seed : new SecureRandom().nextLong() >>> 17; // short enough to type back
        return new GenerationSettings(s, PerLevel.parse(temperature, "--temperature"), topK, topP,
                PerLevel.parse(hopFraction, "--hop-fraction"), maxBatchSize, 32);
    }
}
