package io.fastjukebox.engine.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThrottledListenerTest {
    @TempDir
    Path dir;

    private static GenerationListener.Progress at(int level, long done, long total) {
        return new GenerationListener.Progress(level, List.of(1), 1, 1, done, total, 10, 1);
    }

    @Test
    void passesTheFirstAndLastOfEachLevelAndThrottlesTheRest() {
        List<GenerationListener.Progress> seen = new ArrayList<>();
        ThrottledListener t = new ThrottledListener(new GenerationListener() {
            @Override
            public void onProgress(Progress p) {
                seen.add(p);
            }
        }, 60_000);
        for (int level = 2; level >= 0; level--) {
            for (int i = 1; i <= 1000; i++) {
                t.onProgress(at(level, i, 1000));
            }
        }
        assertEquals(6, seen.size()); // first and last of each level: 1000x fewer updates
        assertEquals(1000, seen.get(5).levelTokensDone());
        assertEquals(0, seen.get(5).level());
    }

    @Test
    void aFullDiskIsRefusedBeforeAnyWork() {
        IOException e = assertThrows(IOException.class,
                () -> JobCreator.checkDiskSpace(dir.resolve("job"), 64, Long.MAX_VALUE / 1024, List.of(8, 32, 128)));
        assertTrue(e.getMessage().contains("not enough disk space"), e.getMessage());
    }
}
