package io.fastjukebox.app.distill;

import io.fastjukebox.engine.distill.DistillMode;
import io.fastjukebox.engine.distill.DistillParams;
import io.fastjukebox.engine.distill.LayerMapping;
import io.fastjukebox.engine.distill.StudentFactory;
import io.fastjukebox.engine.prior.PriorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Distill form's values, checked field by field before anything starts. The student's size is
 * checked with the engine's own rules ({@link LayerMapping#check}, {@link StudentFactory#config}),
 * so the form never accepts what the run would refuse.
 */
final class DistillForm {
    /**
     * The values as chosen or typed.
     *
     * @param teacher the teacher bundle, or null if none is chosen
     * @param teacherConfig its architecture (null with it)
     * @param layers the chosen student layers, or null
     * @param vqvae the VQ-VAE that encodes an audio folder, or null
     */
    record Input(Path teacher, PriorConfig teacherConfig, Integer layers, String width, DistillMode mode, String data,
            Path vqvae, String phase1Epochs, String phase2Epochs, String stepsPerEpoch, String batch, String seed,
            String validateEvery) {}

    /** What the run is asked to do, once valid; {@code vqvae} is null for a codes file. */
    record Valid(Path teacher, int level, int layers, Integer width, Path data, Path vqvae, DistillParams params) {}

    private final Map<DistillField, String> errors = new EnumMap<>(DistillField.class);
    private String general = "";

    /** The problems found by the last {@link #check}, per field. */
    Map<DistillField, String> errors() {
        return errors;
    }

    /** A problem of the last {@link #check} not tied to one field, or empty. */
    String generalError() {
        return general;
    }

    /** Checks everything; returns the values if there is no problem, else null (see {@link #errors()}). */
    Valid check(Input in) {
        errors.clear();
        general = "";
        PriorConfig t = in.teacherConfig();
        Integer width = null;
        if (t == null) {
            errors.put(DistillField.TEACHER, "Choose the teacher prior from the model library");
        } else if (in.layers() == null) {
            errors.put(DistillField.LAYERS, StudentSizes.of(t).isEmpty() ? StudentSizes.noneFits(t)
                    : "Choose how many layers the student has");
        } else {
            width = studentWidth(t, in.layers(), in.width());
        }
        Path data = data(in.data(), in.vqvae());
        int e1 = (int) whole(DistillField.EPOCHS, in.phase1Epochs(), "phase 1 epochs", 0, 1_000_000);
        int e2 = (int) whole(DistillField.EPOCHS, in.phase2Epochs(), "phase 2 epochs", 0, 1_000_000);
        if (!errors.containsKey(DistillField.EPOCHS) && in.mode().stages(e1, e2).isEmpty()) {
            errors.put(DistillField.EPOCHS, "Give at least one epoch: with 0 and 0 there is nothing to train");
        }
        int steps = (int) whole(DistillField.STEPS_PER_EPOCH, in.stepsPerEpoch(), "steps per epoch", 0, 10_000_000);
        int batch = (int) whole(DistillField.BATCH, in.batch(), "batch size", 1, 4096);
        long seed = whole(DistillField.SEED, in.seed(), "seed", 0, Long.MAX_VALUE);
        int validate = (int) whole(DistillField.VALIDATE_EVERY, in.validateEvery(), "validation interval", 0, 10_000_000);
        if (!errors.isEmpty()) {
            return null;
        }
        DistillParams d = DistillParams.defaults(in.mode());
        try {
            DistillParams params = new DistillParams(in.mode(), e1, e2, steps, batch, d.lr(), d.warmupSteps(),
                    d.weightDecay(), d.maxGradNorm(), d.losses(), d.holdOutEvery(), d.checkpointEvery(), validate, seed);
            return new Valid(in.teacher(), t.level(), in.layers(), width, data, Files.isDirectory(data) ? in.vqvae() : null,
                    params);
        } catch (IllegalArgumentException e) {
            general = e.getMessage();
            return null;
        }
    }

    /** The student's width (null = the teacher's) if the engine accepts the size, else null with the problem recorded. */
    private Integer studentWidth(PriorConfig teacher, int layers, String widthText) {
        try {
            LayerMapping.check(teacher.attnOrder(), teacher.depth(), layers);
        } catch (IllegalArgumentException e) {
            errors.put(DistillField.LAYERS, capitalised(e.getMessage()));
            return null;
        }
        if (widthText.isBlank()) {
            return null;
        }
        int width = (int) whole(DistillField.WIDTH, widthText, "width", 1, Integer.MAX_VALUE);
        if (!errors.containsKey(DistillField.WIDTH)) {
            try {
                StudentFactory.config(teacher, layers, width);
            } catch (IllegalArgumentException e) {
                errors.put(DistillField.WIDTH, capitalised(e.getMessage()));
            }
        }
        return width;
    }

    private Path data(String text, Path vqvae) {
        if (text.isBlank()) {
            errors.put(DistillField.DATA, "Choose the training codes (.npz) or a folder of audio");
            return null;
        }
        Path data = Path.of(text.trim());
        if (Files.isDirectory(data)) {
            if (vqvae == null) {
                errors.put(DistillField.VQVAE, "Encoding an audio folder needs a VQ-VAE: choose one");
            }
        } else if (!Files.isRegularFile(data) || !Files.isReadable(data)) {
            errors.put(DistillField.DATA, "No such codes file or audio folder: " + data);
        } else if (!data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            errors.put(DistillField.DATA, "Codes come in an .npz file (from 'fastjukebox encode'); for audio choose its folder");
        }
        return data;
    }

    private long whole(DistillField field, String text, String what, long min, long max) {
        try {
            long v = Long.parseLong(text.trim());
            if (v >= min && v <= max) {
                return v;
            }
            errors.putIfAbsent(field, String.format(Locale.ROOT, "The %s must be %s", what,
                    max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max));
        } catch (NumberFormatException e) {
            errors.putIfAbsent(field, "Enter a whole number for the " + what + " ('" + text.trim() + "' is not one)");
        }
        return 0;
    }

    private static String capitalised(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
