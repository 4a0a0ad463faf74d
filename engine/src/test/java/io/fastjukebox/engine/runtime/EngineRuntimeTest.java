package io.fastjukebox.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Loads the real libtorch (CPU build from the Maven jars) with the network-free settings. */
class EngineRuntimeTest {

    @Test
    void loadsPyTorchOfflineWithTheConfiguredThreadsAndComputes() {
        EngineRuntime.configure(RuntimeSettings.defaults().withThreads(1));
        EngineInfo info = EngineRuntime.info();

        assertEquals("PyTorch", info.engine());
        assertEquals("2.7.1", info.libtorchVersion());
        assertEquals("0.36.0", info.djlVersion());
        assertEquals("cpu", info.flavour());
        assertTrue(info.offline(), "DJL offline mode must be on");
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
        assertEquals(1, info.intraOpThreads());
        assertEquals(1, info.interOpThreads());
        assertFalse(info.gpu());
        assertEquals("cpu()", info.device());
        assertTrue(info.deviceReason().contains("CPU"), info.deviceReason());
        assertTrue(info.selfTest().startsWith("ok"), info.selfTest());
    }
}
