package io.fastjukebox.app.cli;

import io.fastjukebox.engine.jobs.CancellationToken;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a training job so that Ctrl-C (or SIGTERM) cancels it cooperatively and the JVM waits until the
 * job has saved its checkpoint and returned.
 */
final class SaveOnExit {
    /** A job that honours a cancellation token and returns its last finished step. */
    @FunctionalInterface
    interface Job {
        long run(CancellationToken cancel) throws Exception;
    }

    /** The outcome: the last finished step and whether the run was interrupted. */
    record Outcome(long lastStep, boolean cancelled) {
        String describe(java.nio.file.Path out) {
            return cancelled ? "stopped at step " + lastStep + "; model: " + out + "; continue with --resume"
                    : "finished at step " + lastStep + "; model: " + out;
        }
    }

    private SaveOnExit() {}

    /**
     * Runs {@code job}, then {@code report}s its outcome before letting a pending shutdown proceed (the
     * JVM exits as soon as the hook returns, so the report must come first).
     */
    static void run(Job job, java.util.function.Consumer<Outcome> report) throws Exception {
        CancellationToken cancel = new CancellationToken();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel(); // finish the current step, save, return
            try {
                finished.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fastjukebox-save-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            long last = job.run(cancel);
            report.accept(new Outcome(last, cancel.isCancelled()));
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running; it returns now that the job has finished
            }
        }
    }
}
