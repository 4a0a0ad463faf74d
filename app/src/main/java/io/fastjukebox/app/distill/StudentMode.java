package io.fastjukebox.app.distill;

import io.fastjukebox.engine.distill.DistillMode;

/** The three ways the Distill screen trains a student (Fast Jukebox, Table 1), with their labels. */
public enum StudentMode {
    FULL(DistillMode.FULL, "Full (intermediate, then prediction)"),
    INTERMEDIATE(DistillMode.INTERMEDIATE, "Intermediate only (w/o pred)"),
    MLE(DistillMode.MLE, "MLE baseline (no teacher)");

    private final DistillMode engine;
    private final String label;

    StudentMode(DistillMode engine, String label) {
        this.engine = engine;
        this.label = label;
    }

    /** For people. */
    public String label() {
        return label;
    }

    DistillMode engine() {
        return engine;
    }

    static StudentMode of(DistillMode m) {
        for (StudentMode mode : values()) {
            if (mode.engine == m) {
                return mode;
            }
        }
        throw new IllegalArgumentException("no such mode: " + m);
    }
}
