package io.fastjukebox.app.studio;

import io.fastjukebox.app.audioview.AudioViewModel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The composition root: builds the studio's services once and hands them to the ViewModels it
 * creates. One instance per window (no static singletons); {@link #close()} stops its threads.
 */
public final class AppContext implements AutoCloseable {
    private final ExecutorService engineExecutor;
    private final Consumer<Runnable> uiThread;

    private AppContext(ExecutorService engineExecutor, Consumer<Runnable> uiThread) {
        this.engineExecutor = engineExecutor;
        this.uiThread = uiThread;
    }

    /** The production context: named daemon threads for engine work, the FX thread for UI updates. */
    public static AppContext create() {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
        return new AppContext(Executors.newFixedThreadPool(threads, daemonThreads("fastjukebox-engine-")),
                Platform::runLater);
    }

    /** A new ViewModel for the audio view, wired to this context's threads. */
    public AudioViewModel newAudioViewModel() {
        return new AudioViewModel(engineExecutor, uiThread);
    }

    /** Stops the engine threads; work still running is interrupted and its results dropped. */
    @Override
    public void close() {
        engineExecutor.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + count.incrementAndGet());
            t.setDaemon(true); // never keeps the JVM alive after the window closes
            return t;
        };
    }
}
