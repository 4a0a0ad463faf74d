package io.fastjukebox.app.cli;

import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.runtime.EngineInfo;
import io.fastjukebox.engine.runtime.EngineRuntime;
import io.fastjukebox.engine.runtime.EngineVersion;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fastjukebox info}: the engine, libtorch build, device and threads. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the engine, libtorch version and flavour, device (and why), threads and cache directory.")
final class InfoCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engine;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        engine.configure();
        EngineInfo info = EngineRuntime.info();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writeValueAsString(new Report(EngineVersion.get(), info)));
            return 0;
        }
        out.printf("fastjukebox  %s%n", EngineVersion.get());
        out.printf("engine       %s %s (DJL %s), libtorch flavour %s%n", info.engine(), info.libtorchVersion(),
                info.djlVersion(), info.flavour());
        out.printf("libtorch     %s%n", info.libtorchPath());
        out.printf("device       %s%n", info.device());
        out.printf("  why        %s%n", info.deviceReason());
        out.printf("threads      %d intra-op, %d inter-op%n", info.intraOpThreads(), info.interOpThreads());
        out.printf("cache dir    %s%n", info.cacheDir());
        out.printf("offline      %s%n", info.offline() ? "yes (nothing is ever downloaded)" : "NO");
        out.printf("malloc       %s%n", allocator());
        out.printf("self-test    %s%n", info.selfTest());
        return info.selfTest().startsWith("ok") ? 0 : Main.FAILED;
    }

    /** Which malloc the process uses: jemalloc keeps long training runs from growing (see ./fastjukebox). */
    static String allocator() {
        try {
            boolean jemalloc = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/maps")).contains("libjemalloc");
            return jemalloc ? "jemalloc" : "system (install libjemalloc2 so that long training runs keep a flat memory use)";
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return "system";
        }
    }

    /** The JSON shape of {@code info --json}. */
    record Report(String version, EngineInfo engine) {}
}
