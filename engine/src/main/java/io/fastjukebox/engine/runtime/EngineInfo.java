package io.fastjukebox.engine.runtime;

import java.nio.file.Path;

/**
 * What the numeric engine is and where it runs, as shown by {@code fastjukebox info}.
 *
 * @param djlVersion DJL version
 * @param engine engine name ("PyTorch")
 * @param libtorchVersion libtorch version
 * @param flavour libtorch build flavour, e.g. {@code cpu} or {@code cu128}
 * @param libtorchPath directory the native libraries were loaded from
 * @param device the default device, e.g. {@code cpu()} or {@code gpu(0)}
 * @param gpu whether the default device is a GPU
 * @param deviceReason why that device was chosen, and what to do to use a GPU if none is used
 * @param intraOpThreads libtorch intra-op threads
 * @param interOpThreads libtorch inter-op threads
 * @param cacheDir where native libraries are extracted
 * @param offline whether DJL's offline mode is on (nothing is downloaded)
 * @param selfTest the result of a tiny computation on the device
 */
public record EngineInfo(
        String djlVersion,
        String engine,
        String libtorchVersion,
        String flavour,
        String libtorchPath,
        String device,
        boolean gpu,
        String deviceReason,
        int intraOpThreads,
        int interOpThreads,
        Path cacheDir,
        boolean offline,
        String selfTest) {}
