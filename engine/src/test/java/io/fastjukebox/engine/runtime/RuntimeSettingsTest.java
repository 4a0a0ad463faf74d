package io.fastjukebox.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {

    @Test
    void countsDistinctPhysicalCoresNotHyperThreads() {
        List<String> cpuinfo = List.of(
                "processor : 0", "physical id : 0", "core id : 0",
                "processor : 1", "physical id : 0", "core id : 0",
                "processor : 2", "physical id : 0", "core id : 1",
                "processor : 3", "physical id : 1", "core id : 0");
        assertEquals(3, RuntimeSettings.countCores(cpuinfo));
        assertTrue(RuntimeSettings.physicalCores() >= 1);
    }

    @Test
    void environmentOverridesThreadsAndCacheDirectory() {
        RuntimeSettings s = RuntimeSettings.fromEnvironment(
                Map.of("FASTJUKEBOX_THREADS", "3", "FASTJUKEBOX_CACHE_DIR", "/tmp/fj"), Path.of("/home/u"));
        assertEquals(3, s.intraOpThreads());
        assertEquals(Path.of("/tmp/fj"), s.cacheDir());

        RuntimeSettings xdg = RuntimeSettings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/c"), Path.of("/home/u"));
        assertEquals(Path.of("/c/fastjukebox"), xdg.cacheDir());
        RuntimeSettings home = RuntimeSettings.fromEnvironment(Map.of(), Path.of("/home/u"));
        assertEquals(Path.of("/home/u/.cache/fastjukebox"), home.cacheDir());
    }

    @Test
    void badValuesAreNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuntimeSettings.fromEnvironment(Map.of("FASTJUKEBOX_THREADS", "many"), Path.of("/h")));
        assertEquals("FASTJUKEBOX_THREADS='many' is not a whole number", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RuntimeSettings(0, Path.of("/h")));
        assertEquals("thread count 0 must be between 1 and 1024", e.getMessage());
    }
}
