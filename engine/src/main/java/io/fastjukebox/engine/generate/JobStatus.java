package io.fastjukebox.engine.generate;

/** Where a job stands, as recorded in job.json. */
public enum JobStatus {
    /** Validated and written; nothing sampled yet. */
    CREATED,
    /** Sampling (or was, when the process died: resume it). */
    RUNNING,
    /** Stopped by the user; finished windows are kept and the job can be resumed. */
    CANCELLED,
    /** Stopped by an error (recorded); the job can be resumed once the cause is fixed. */
    FAILED,
    /** Every requested level of every requested candidate is sampled and decoded. */
    FINISHED
}
