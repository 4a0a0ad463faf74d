package io.fastjukebox.app.studio;

import io.fastjukebox.app.candidates.CandidatesViewModel;
import io.fastjukebox.app.compare.CompareViewModel;
import io.fastjukebox.app.distill.DistillViewModel;
import io.fastjukebox.app.generate.GenerateViewModel;
import io.fastjukebox.app.history.HistoryViewModel;
import io.fastjukebox.app.jobs.JobQueue;
import io.fastjukebox.app.jobs.UiBridge;
import io.fastjukebox.app.models.DeviceViewModel;
import io.fastjukebox.app.models.ModelsViewModel;
import io.fastjukebox.app.playback.AudioOutput;
import io.fastjukebox.app.playback.JavaSoundOutput;
import io.fastjukebox.app.playback.PlaybackViewModel;
import io.fastjukebox.app.workspace.Workspace;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The composition root: builds the studio's services and ViewModels once per window and wires
 * them together (no static singletons). The ViewModels live as long as the window, so a job keeps
 * running and reporting whichever screen is shown. {@link #close()} stops everything.
 */
public final class AppContext implements AutoCloseable {
    private final Workspace workspace;
    private final ExecutorService analysis;
    private final UiBridge bridge;
    private final JobQueue queue;
    private final PlaybackViewModel playback;
    private final ModelsViewModel models;
    private final DeviceViewModel device;
    private final GenerateViewModel generate;
    private final CompareViewModel compare;
    private final CandidatesViewModel candidates;
    private final DistillViewModel distill;
    private final HistoryViewModel history;

    private AppContext(Workspace workspace, UiBridge bridge, AudioOutput output) {
        this.workspace = workspace;
        this.bridge = bridge;
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
        this.analysis = Executors.newFixedThreadPool(threads, daemonThreads("fastjukebox-analysis-"));
        this.queue = new JobQueue(Executors.newSingleThreadExecutor(daemonThreads("fastjukebox-job-")), bridge);
        this.playback = new PlaybackViewModel(output);
        this.models = new ModelsViewModel(workspace, analysis, bridge);
        this.device = new DeviceViewModel(analysis, bridge);
        this.generate = new GenerateViewModel(models, queue, workspace, analysis, bridge::execute);
        this.compare = new CompareViewModel(analysis, bridge::execute, playback);
        this.candidates = new CandidatesViewModel(queue, analysis, bridge::execute, playback, compare);
        this.distill = new DistillViewModel(models, queue, workspace, analysis, bridge::execute);
        this.history = new HistoryViewModel(workspace, queue, analysis, bridge::execute, candidates, compare,
                distill);
        generate.currentJobProperty().addListener((o, was, job) -> candidates.show(job.jobDir()));
        queue.addListener(new JobQueue.Listener() {
            @Override
            public void jobEnded(io.fastjukebox.app.jobs.QueuedJob job) {
                models.scan(); // measured speeds include the job's timings; a distilled student joins the library
            }
        });
    }

    /** The studio's context: the FX thread bridge and the machine's audio device. Call on the FX thread. */
    public static AppContext create(Workspace workspace) {
        return new AppContext(workspace, UiBridge.fx(), new JavaSoundOutput());
    }

    /** Starts the first background reads (library, device, history); completes when all are done. */
    public CompletableFuture<Void> start() {
        return CompletableFuture.allOf(models.scan(), device.check(), history.refresh());
    }

    public Workspace workspace() { return workspace; }
    public JobQueue queue() { return queue; }
    public PlaybackViewModel playback() { return playback; }
    public ModelsViewModel models() { return models; }
    public DeviceViewModel device() { return device; }
    public GenerateViewModel generate() { return generate; }
    public CompareViewModel compare() { return compare; }
    public CandidatesViewModel candidates() { return candidates; }
    public DistillViewModel distill() { return distill; }
    public HistoryViewModel history() { return history; }

    /** Stops playback, cancels engine jobs (finished windows are kept) and stops the threads. */
    @Override
    public void close() {
        bridge.close();
        playback.stop();
        queue.close();
        analysis.shutdownNow();
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
