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
    static final double MAX_SECONDS = 3600;

    /** The values as typed; levels are ordered top, middle, bottom. */
    record Input(String seconds, String candidates, String seed, String[] temperature, String topK, String topP,
            String[] hop, String primeFile, String primeSeconds, double primeLengthSeconds) {}

    /** What the form asks for, once valid. */
    record Valid(double seconds, int candidates, GenerationSettings settings, Path prime, double primeSeconds) {}

    private final Map<FormField, String> errors = new EnumMap<>(FormField.class);

    /** The problems found by the last {@link #check}. */
    Map<FormField, String> errors() {
        return errors;
    }

    /** Checks everything; returns the values if there is no problem, else null (see {@link #errors()}). */
    Valid check(Input in) {
        errors.clear();
        double seconds = number(FormField.DURATION, in.seconds(), "duration");
        if (!errors.containsKey(FormField.DURATION) && !(seconds > 0 && seconds <= MAX_SECONDS)) {
            errors.put(FormField.DURATION, String.format(Locale.ROOT, "Duration must be more than 0 and at most %.0f s", MAX_SECONDS));
        }
        int candidates = (int) integer(FormField.CANDIDATES, in.candidates(), "number of candidates");
        if (!errors.containsKey(FormField.CANDIDATES) && (candidates < 1 || candidates > JobRequest.MAX_CANDIDATES)) {
            errors.put(FormField.CANDIDATES, "Candidates must be between 1 and " + JobRequest.MAX_CANDIDATES);
        }
        long seed = integer(FormField.SEED, in.seed(), "seed");
        if (!errors.containsKey(FormField.SEED) && seed < 0) {
            errors.put(FormField.SEED, "The seed must not be negative");
        }
        double[] t = perLevel(FormField.TEMPERATURE, in.temperature(), "temperature", 0, 100);
        double[] hop = perLevel(FormField.HOP, in.hop(), "hop fraction", 0, 1);
        int topK = (int) integer(FormField.SAMPLING, in.topK(), "top-k");
        double topP = number(FormField.SAMPLING, in.topP(), "top-p");
        if (!errors.containsKey(FormField.SAMPLING)) {
            if (topK < 0 || !(topP >= 0 && topP <= 1)) {
                errors.put(FormField.SAMPLING, "top-k must be 0 or more, top-p between 0 and 1 (0 = off)");
            } else if (topK > 0 && topP > 0) {
                errors.put(FormField.SAMPLING, "Use top-k or top-p, not both: set the other to 0");
            }
        }
        Path prime = null;
        double primeSeconds = 0;
        if (!in.primeFile().isBlank()) {
            prime = Path.of(in.primeFile().trim());
            if (!Files.isRegularFile(prime) || !Files.isReadable(prime)) {
                errors.put(FormField.PRIME, "No such audio file: " + prime);
            }
            primeSeconds = number(FormField.PRIME_SECONDS, in.primeSeconds(), "prompt length");
            if (!errors.containsKey(FormField.PRIME_SECONDS)) {
                if (!(primeSeconds > 0)) {
                    errors.put(FormField.PRIME_SECONDS, "The prompt must be longer than 0 s");
                } else if (!errors.containsKey(FormField.DURATION) && primeSeconds >= seconds) {
                    errors.put(FormField.PRIME_SECONDS, "The prompt must be shorter than the clip (" + in.seconds().trim() + " s)");
                } else if (in.primeLengthSeconds() > 0 && primeSeconds > in.primeLengthSeconds() + 1e-6) {
                    errors.put(FormField.PRIME_SECONDS, String.format(Locale.ROOT, "The audio file is only %.2f s long",
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

    private double[] perLevel(FormField field, String[] text, String what, double above, double atMost) {
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

    private double number(FormField field, String text, String what) {
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

    private long integer(FormField field, String text, String what) {
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
