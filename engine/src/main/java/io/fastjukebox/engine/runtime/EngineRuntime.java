package io.fastjukebox.engine.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.nio.file.Path;

/**
 * Sets up DJL and libtorch for this process, before any DJL class is touched: offline mode (nothing
 * is ever downloaded), telemetry off, an explicit intra-op thread count, and an app-owned native
 * cache directory. See djl-notes.md sections 1.3 and 6.
 */
public final class EngineRuntime {
    static final String ENGINE_NAME = "PyTorch";
    private static RuntimeSettings configured;
    private static boolean started;

    private EngineRuntime() {}

    /**
     * Sets the system properties DJL reads at start-up. Must run before the first use of DJL. Once
     * the engine runs, a later call may still change the thread count (libtorch allows that), but
     * not the native cache directory.
     */
    public static synchronized void configure(RuntimeSettings settings) {
        if (started && !configured.cacheDir().equals(settings.cacheDir())) {
            throw new IllegalStateException("the engine already runs from " + configured.cacheDir()
                    + "; the cache directory cannot change within one process");
        }
        if (started && configured.intraOpThreads() != settings.intraOpThreads()) {
            JniUtils.setNumThreads(settings.intraOpThreads());
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(settings.intraOpThreads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (System.getenv("ENGINE_CACHE_DIR") == null && System.getProperty("ENGINE_CACHE_DIR") == null) {
            System.setProperty("ENGINE_CACHE_DIR", settings.cacheDir().resolve("djl-engine").toString());
        }
        configured = settings;
    }

    /** Configures with {@link RuntimeSettings#defaults()} unless already configured. */
    public static synchronized void configureDefaults() {
        if (configured == null) {
            configure(RuntimeSettings.defaults());
        }
    }

    /** Loads the engine (extracting libtorch on first use) and the device it runs on. */
    public static synchronized Engine engine() {
        configureDefaults();
        Engine engine = Engine.getEngine(ENGINE_NAME);
        started = true;
        return engine;
    }

    /** Loads the engine, runs a tiny computation, and describes everything. */
    public static EngineInfo info() {
        Engine engine = engine();
        Device device = engine.defaultDevice();
        String flavour = flavour();
        return new EngineInfo(
                Engine.getDjlVersion(),
                engine.getEngineName(),
                engine.getVersion(),
                flavour,
                LibUtils.getLibtorchPath(),
                device.toString(),
                device.isGpu(),
                deviceReason(engine, device, flavour),
                JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads(),
                Utils.getEngineCacheDir(),
                Utils.isOfflineMode(),
                selfTest(engine, device));
    }

    private static String flavour() {
        String env = Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR");
        if (env != null && !env.isBlank()) {
            return env;
        }
        // DJL extracts to <cache>/pytorch/<version>-<flavour>-<classifier>, e.g. 2.7.1-20250812-cpu-linux-x86_64
        String dir = Path.of(LibUtils.getLibtorchPath()).getFileName().toString();
        for (String part : dir.split("-")) {
            if (part.equals("cpu") || part.startsWith("cu")) {
                return part;
            }
        }
        return "unknown";
    }

    static String deviceReason(Engine engine, Device device, String flavour) {
        if (device.isGpu()) {
            return "CUDA GPU detected (" + engine.getGpuCount() + " device(s), CUDA "
                    + CudaUtils.getCudaVersionString() + ") and libtorch is a " + flavour + " build";
        }
        int gpus = CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0;
        if (flavour.equals("cpu") && gpus > 0) {
            return gpus + " NVIDIA GPU(s) present, but libtorch is the CPU build: set PYTORCH_LIBRARY_PATH to a "
                    + "libtorch 2.7.1+cu128 lib/ directory and PYTORCH_FLAVOR=cu128 (README, GPU notes)";
        }
        if (gpus == 0 && !flavour.equals("cpu")) {
            return "libtorch is a " + flavour + " build but no usable NVIDIA GPU or driver was found";
        }
        return "no NVIDIA GPU or CUDA driver found; running on CPU (README, GPU notes)";
    }

    private static String selfTest(Engine engine, Device device) {
        try (NDManager manager = engine.newBaseManager(device)) {
            NDArray a = manager.arange(1f, 5f); // [1, 2, 3, 4]
            float dot = a.matMul(a).getFloat(); // 1 + 4 + 9 + 16
            return dot == 30f ? "ok (1..4 dot 1..4 = 30 on " + device + ")" : "FAILED: got " + dot + ", expected 30";
        }
    }
}
