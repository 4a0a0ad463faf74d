package io.fastjukebox.engine.generate;

/** How a job's codes start (spec 5.4). */
public enum GenerationMode {
    /** Every level starts empty (Jukebox's "ancestral"). */
    SCRATCH,
    /** Every level starts with the codes of the first seconds of the user's audio. */
    PRIMED,
    /** Every level starts with the codes of an earlier job, which is extended. */
    CONTINUE
}
