package io.fastjukebox.app.jobs;

import io.fastjukebox.engine.jobs.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A task's events, from its thread onto the UI thread through the {@link UiBridge}. Steps are
 * collected and handed over together at most once per interval (always the last step of the run;
 * none is dropped); validations, checkpoints and messages go at once, each after every step that
 * came before it.
 */
final class TaskRelay implements TrainingListener {
    private final QueuedJob job;
    private final UiBridge bridge;
    private final TrainingListener ui;
    private final long intervalNanos;
    private final Object key = new Object();
    private final List<Step> pending = new ArrayList<>();
    private long lastPost = Long.MIN_VALUE;

    TaskRelay(QueuedJob job, UiBridge bridge, TrainingListener onUiThread, long intervalMillis) {
        this.job = job;
        this.bridge = bridge;
        this.ui = onUiThread;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    @Override
    public void onStep(Step step) {
        synchronized (pending) {
            pending.add(step);
        }
        long now = System.nanoTime();
        if (lastPost == Long.MIN_VALUE || now - lastPost >= intervalNanos || step.step() >= step.totalSteps()) {
            lastPost = now;
            flush();
        }
    }

    @Override
    public void onValidation(long step, Map<String, Double> metrics) {
        bridge.execute(() -> {
            deliver(take());
            ui.onValidation(step, metrics);
        });
    }

    @Override
    public void onCheckpoint(long step, Path where) {
        bridge.execute(() -> {
            deliver(take());
            ui.onCheckpoint(step, where);
        });
    }

    @Override
    public void onMessage(String message) {
        bridge.execute(() -> {
            deliver(take());
            job.note(message.lines().findFirst().orElse(message));
            ui.onMessage(message);
        });
    }

    /**
     * Hands the collected steps to the UI thread (one pending hand-over at a time: a newer one takes them all).
     * Every hand-over takes the pending steps when it runs on the UI thread, never earlier: taken on the worker,
     * they could reach the UI after later steps taken by an earlier-queued hand-over, and the curves would read the
     * older steps as a resumed run's repeats and drop the newer ones.
     */
    void flush() {
        bridge.publish(key, () -> deliver(take()));
    }

    private List<Step> take() {
        synchronized (pending) {
            List<Step> steps = List.copyOf(pending);
            pending.clear();
            return steps;
        }
    }

    private void deliver(List<Step> steps) {
        if (!steps.isEmpty()) {
            job.steps().update(steps.get(steps.size() - 1));
            steps.forEach(ui::onStep);
        }
    }
}
