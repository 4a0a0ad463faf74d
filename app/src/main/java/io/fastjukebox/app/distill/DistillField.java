package io.fastjukebox.app.distill;

/** The fields of the Distill form that can show a problem next to them. */
public enum DistillField {
    TEACHER, LAYERS, WIDTH, DATA, VQVAE, EPOCHS, STEPS_PER_EPOCH, BATCH, SEED, VALIDATE_EVERY
}
