package io.fastjukebox.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the numeric engine is set up for this process.
 *
 * @param intraOpThreads libtorch intra-op threads (the notes measured the default, all logical
 *     cores, as 10-100x slower on small ops than an explicit setting)
 * @param cacheDir where DJL extracts the native libtorch (about 450 MB, once)
 */
public record RuntimeSettings(int intraOpThreads, Path cacheDir) {

    /** Environment variable overriding the thread count. */
    public static final String THREADS_ENV = "FASTJUKEBOX_THREADS";
    /** Environment variable overriding the cache directory. */
    public static final String CACHE_ENV = "FASTJUKEBOX_CACHE_DIR";

    public RuntimeSettings {
        if (intraOpThreads < 1 || intraOpThreads > 1024) {
            throw new IllegalArgumentException("thread count " + intraOpThreads + " must be between 1 and 1024");
        }
        if (cacheDir == null) {
            throw new IllegalArgumentException("cache directory is required");
        }
    }

    /** Defaults from the environment: physical cores, and the user cache directory. */
    public static RuntimeSettings defaults() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static RuntimeSettings fromEnvironment(Map<String, String> env, Path home) {
        int threads = physicalCores();
        String t = env.get(THREADS_ENV);
        if (t != null && !t.isBlank()) {
            try {
                threads = Integer.parseInt(t.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(THREADS_ENV + "='" + t + "' is not a whole number", e);
            }
        }
        Path cache;
        if (env.get(CACHE_ENV) != null && !env.get(CACHE_ENV).isBlank()) {
            cache = Path.of(env.get(CACHE_ENV));
        } else if (env.get("XDG_CACHE_HOME") != null && !env.get("XDG_CACHE_HOME").isBlank()) {
            cache = Path.of(env.get("XDG_CACHE_HOME"), "fastjukebox");
        } else {
            cache = home.resolve(".cache").resolve("fastjukebox");
        }
        return new RuntimeSettings(threads, cache);
    }

    /** This settings object with another thread count. */
    public RuntimeSettings withThreads(int threads) {
        return new RuntimeSettings(threads, cacheDir);
    }

    /**
     * Physical cores available to this process: distinct (package, core) pairs in
     * {@code /proc/cpuinfo}, capped by the JVM's processor count (cgroup limits); the JVM's count
     * where {@code /proc/cpuinfo} is not available.
     */
    public static int physicalCores() {
        int logical = Runtime.getRuntime().availableProcessors();
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return logical;
        }
        try {
            int cores = countCores(Files.readAllLines(cpuinfo));
            return cores > 0 ? Math.min(cores, logical) : logical;
        } catch (IOException e) {
            return logical;
        }
    }

    static int countCores(List<String> cpuinfo) {
        Set<String> cores = new HashSet<>();
        String physical = "0";
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("physical id")) {
                physical = value;
            } else if (key.equals("core id")) {
                cores.add(physical + "/" + value);
            }
        }
        return cores.size();
    }
}
