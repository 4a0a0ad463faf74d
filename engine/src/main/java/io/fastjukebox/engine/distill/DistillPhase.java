package io.fastjukebox.engine.distill;

/** The loss a training stage minimises (TinyBERT's two distillation stages, and plain maximum likelihood). */
public enum DistillPhase {
    /** Intermediate-layer distillation: MSE of mapped hidden states (and the embedding output) and attention weights. */
    INTERMEDIATE("intermediate-layer distillation (hidden-state and attention MSE)"),
    /** Prediction-layer distillation: soft cross-entropy with the teacher's logits (plus the optional hard-label term). */
    PREDICTION("prediction-layer distillation (soft cross-entropy with the teacher's logits)"),
    /** Next-token cross-entropy on the data, no teacher. */
    HARD_LABEL("next-token cross-entropy on the data (no teacher)");

    private final String description;

    DistillPhase(String description) {
        this.description = description;
    }

    /** What the phase trains, in words (for progress messages). */
    public String description() {
        return description;
    }
}
