package io.fastjukebox.app.generate;

import io.fastjukebox.engine.generate.GenerationSettings;
import io.fastjukebox.engine.generate.JobRequest;
import io.fastjukebox.engine.generate.PerLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Generate form's text, checked field by field before any work starts: every problem is
 * reported next to its field, in words, with the range that is accepted.
 */
final class GenerateForm {
    /** The fields that can be wrong. */
    enum Field { DURATION, CANDIDATES, SEED, TEMPERATURE, SAMPLING, HOP, PRIME, PRIME_SECONDS }

    static final double MAX_SECONDS = 3600;

    /** The values as typed; levels are ordered top, middle, bottom. */
    record Input(String seconds, String candidates, String seed, String[] temperature, String topK, String topP,
            String[] hop, String primeFile, String primeSeconds, double primeLengthSeconds) {}

    /** What the form asks for, once valid. */
    record Valid(double seconds, int candidates, GenerationSettings settings, Path prime, double primeSeconds) {}

    private final Map<Field, String> errors = new EnumMap<>(Field.class);

    /** The problems found by the last {@link #check}. */
    Map<Field, String> errors() {
        return errors;
    }

    /** Checks everything; returns the values if there is no problem, else null (see {@link #errors()}). */
    Valid check(Input in) {
        errors.clear();
        double seconds = number(Field.DURATION, in.seconds(), "duration");
        if (!errors.containsKey(Field.DURATION) && !(seconds > 0 && seconds <= MAX_SECONDS)) {
            errors.put(Field.DURATION, String.format(Locale.ROOT, "Duration must be more than 0 and at most %.0f s", MAX_SECONDS));
        }
        int candidates = (int) integer(Field.CANDIDATES, in.candidates(), "number of candidates");
        if (!errors.containsKey(Field.CANDIDATES) && (candidates < 1 || candidates > JobRequest.MAX_CANDIDATES)) {
            errors.put(Field.CANDIDATES, "Candidates must be between 1 and " + JobRequest.MAX_CANDIDATES);
        }
        long seed = integer(Field.SEED, in.seed(), "seed");
        if (!errors.containsKey(Field.SEED) && seed < 0) {
            errors.put(Field.SEED, "The seed must not be negative");
        }
        double[] t = perLevel(Field.TEMPERATURE, in.temperature(), "temperature", 0, 100);
        double[] hop = perLevel(Field.HOP, in.hop(), "hop fraction", 0, 1);
        int topK = (int) integer(Field.SAMPLING, in.topK(), "top-k");
        double topP = number(Field.SAMPLING, in.topP(), "top-p");
        if (!errors.containsKey(Field.SAMPLING)) {
            if (topK < 0 || !(topP >= 0 && topP <= 1)) {
                errors.put(Field.SAMPLING, "top-k must be 0 or more, top-p between 0 and 1 (0 = off)");
            } else if (topK > 0 && topP > 0) {
                errors.put(Field.SAMPLING, "Use top-k or top-p, not both: set the other to 0");
            }
        }
        Path prime = null;
        double primeSeconds = 0;
        if (!in.primeFile().isBlank()) {
            prime = Path.of(in.primeFile().trim());
            if (!Files.isRegularFile(prime) || !Files.isReadable(prime)) {
                errors.put(Field.PRIME, "No such audio file: " + prime);
            }
            primeSeconds = number(Field.PRIME_SECONDS, in.primeSeconds(), "prompt length");
            if (!errors.containsKey(Field.PRIME_SECONDS)) {
                if (!(primeSeconds > 0)) {
                    errors.put(Field.PRIME_SECONDS, "The prompt must be longer than 0 s");
                } else if (!errors.containsKey(Field.DURATION) && primeSeconds >= seconds) {
                    errors.put(Field.PRIME_SECONDS, "The prompt must be shorter than the clip (" + in.seconds().trim() + " s)");
                } else if (in.primeLengthSeconds() > 0 && primeSeconds > in.primeLengthSeconds() + 1e-6) {
                    errors.put(Field.PRIME_SECONDS, String.format(Locale.ROOT, "The audio file is only %.2f s long",
                            in.primeLengthSeconds()));
                }
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        GenerationSettings settings = new GenerationSettings(seed, new PerLevel(t[0], t[1], t[2]), topK, topP,
                new PerLevel(hop[0], hop[1], hop[2]), GenerationSettings.defaults(seed).maxBatchSize(),
                GenerationSettings.defaults(seed).chunkSize());
        return new Valid(seconds, candidates, settings, prime, primeSeconds);
    }

    private double[] perLevel(Field field, String[] text, String what, double above, double atMost) {
        double[] v = new double[3];
        for (int i = 0; i < 3 && !errors.containsKey(field); i++) {
            String level = PerLevel.name(2 - i);
            v[i] = number(field, text[i], level + " " + what);
            if (!errors.containsKey(field) && !(v[i] > above && v[i] <= atMost)) {
                errors.put(field, String.format(Locale.ROOT, "The %s %s must be more than %s and at most %s", level, what,
                        fmt(above), fmt(atMost)));
            }
        }
        return v;
    }

    private double number(Field field, String text, String what) {
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.putIfAbsent(field, "Enter a number for the " + what + " ('" + text.trim() + "' is not one)");
        return Double.NaN;
    }

    private long integer(Field field, String text, String what) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            errors.putIfAbsent(field, "Enter a whole number for the " + what + " ('" + text.trim() + "' is not one)");
            return 0;
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
