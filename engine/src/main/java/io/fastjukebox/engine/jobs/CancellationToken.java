package io.fastjukebox.engine.jobs;

/** Cooperative cancellation: long jobs poll it between steps and stop cleanly, keeping finished work. */
public final class CancellationToken {
    private volatile boolean cancelled;

    /** Asks the job to stop at its next check. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
