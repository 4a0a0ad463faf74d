package io.fastjukebox.app.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one way work on other threads reaches the UI thread. Events wait in a queue that is handed
 * to the UI thread in a single {@code runLater} at a time, so however fast the engine reports, at
 * most one flush is pending. {@link #publish} replaces a pending update with the same key (the
 * latest progress of a level wins); {@link #execute} keeps every event, in order.
 */
public final class UiBridge implements Executor {
    private final Consumer<Runnable> uiThread;
    private final Map<Object, Runnable> pending = new LinkedHashMap<>();
    private boolean scheduled;
    private volatile boolean closed;

    /** A bridge that flushes through {@code uiThread} ({@code Runnable::run} in tests). */
    public UiBridge(Consumer<Runnable> uiThread) {
        this.uiThread = Objects.requireNonNull(uiThread, "uiThread");
    }

    /** The studio's bridge onto the JavaFX application thread. */
    public static UiBridge fx() {
        return new UiBridge(Platform::runLater);
    }

    /** Runs {@code event} on the UI thread after every event posted before it. */
    @Override
    public void execute(Runnable event) {
        post(new Object(), event);
    }

    /**
     * Runs {@code update} on the UI thread unless a newer update with an equal {@code key} arrives
     * before the next flush; then only the newer one runs.
     */
    public void publish(Object key, Runnable update) {
        post(Objects.requireNonNull(key, "key"), update);
    }

    /** Drops every pending and later event: the window is closing and its services are stopping. */
    public void close() {
        closed = true;
        synchronized (pending) {
            pending.clear();
        }
    }

    private void post(Object key, Runnable event) {
        Objects.requireNonNull(event, "event");
        boolean schedule;
        synchronized (pending) {
            if (closed) {
                return;
            }
            pending.remove(key); // re-inserted at the end: keeps the order relative to kept events
            pending.put(key, event);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            uiThread.accept(this::flush);
        }
    }

    private void flush() {
        Runnable[] batch;
        synchronized (pending) {
            if (closed) {
                return;
            }
            batch = pending.values().toArray(new Runnable[0]);
            pending.clear();
            scheduled = false;
        }
        for (Runnable r : batch) {
            r.run();
        }
    }
}
