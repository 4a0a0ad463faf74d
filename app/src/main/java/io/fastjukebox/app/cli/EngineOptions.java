package io.fastjukebox.app.cli;

import io.fastjukebox.engine.runtime.EngineRuntime;
import io.fastjukebox.engine.runtime.RuntimeSettings;
import picocli.CommandLine.Option;

/** Options of commands that use the numeric engine. */
final class EngineOptions {

    @Option(names = "--threads", paramLabel = "N",
            description = "libtorch intra-op threads (default: physical cores, or $FASTJUKEBOX_THREADS).")
    Integer threads;

    /** Configures the engine before anything touches DJL. */
    void configure() {
        RuntimeSettings settings = RuntimeSettings.defaults();
        if (threads != null) {
            settings = settings.withThreads(threads);
        }
        EngineRuntime.configure(settings);
    }
}
