package io.fastjukebox.app.generate;

/** The fields of the Generate form that can be wrong, each with its own inline error. */
public enum FormField { DURATION, CANDIDATES, SEED, TEMPERATURE, SAMPLING, HOP, PRIME, PRIME_SECONDS }
