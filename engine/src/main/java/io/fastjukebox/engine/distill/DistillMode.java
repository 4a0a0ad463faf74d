package io.fastjukebox.engine.distill;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.config.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a run trains the student with: the paper's full method and its two ablations (Fast Jukebox
 * Table 1). Every mode spends the same step budget, {@code E1 + E2} epochs, so ablations compare at
 * equal training compute.
 */
public enum DistillMode {
    /** Intermediate-layer distillation for E1 epochs, then prediction-layer distillation for E2 (the paper's students). */
    FULL,
    /**
     * "w/o Pred": intermediate-layer distillation only, for all E1 + E2 epochs; the prediction-layer loss is
     * never used (the student's tied output head and its last layer, mapped to the teacher's last, still give
     * it the teacher's logits).
     */
    INTERMEDIATE,
    /** The baseline: the same student architecture trained from scratch by next-token cross-entropy, no teacher. */
    MLE;

    /** The lower-case name used on the command line and in JSON. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode called {@code text} (any case); fails naming the choices. */
    @JsonCreator
    public static DistillMode parse(String text) {
        for (DistillMode m : values()) {
            if (m.id().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode '" + text + "' is not one of full, intermediate, mle");
    }

    /**
     * The mode a distill run recorded in a student's provenance ({@code distill_params.mode}), or empty for a
     * bundle no distill run made (or one whose recorded mode is not a mode).
     */
    public static Optional<DistillMode> recordedIn(Provenance provenance) {
        if (provenance == null) {
            return Optional.empty();
        }
        JsonNode mode = Json.mapper().valueToTree(provenance.details()).at("/distill_params/mode");
        try {
            return mode.isTextual() ? Optional.of(parse(mode.asText())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the run needs the teacher's forward pass during training. */
    public boolean usesTeacher() {
        return this != MLE;
    }

    /** The stages of this mode for {@code e1} and {@code e2} epochs, without empty ones. */
    public List<Stage> stages(int e1, int e2) {
        List<Stage> out = new ArrayList<>();
        switch (this) {
            case FULL -> {
                out.add(new Stage(DistillPhase.INTERMEDIATE, e1));
                out.add(new Stage(DistillPhase.PREDICTION, e2));
            }
            case INTERMEDIATE -> out.add(new Stage(DistillPhase.INTERMEDIATE, e1 + e2));
            case MLE -> out.add(new Stage(DistillPhase.HARD_LABEL, e1 + e2));
        }
        out.removeIf(s -> s.epochs() == 0);
        return out;
    }

    /** One phase run for a number of epochs. */
    public record Stage(DistillPhase phase, int epochs) {}
}
