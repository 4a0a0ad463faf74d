package io.fastjukebox.engine.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.generate.WindowSchedule.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowScheduleTest {

    private static List<Integer> starts(List<Window> windows) {
        return windows.stream().map(Window::start).toList();
    }

    @Test
    void matchesTheSpecExamplesAt44kHz() {
        // 20 s: level 1 has 27 560 tokens, n_ctx 8192, hop 0.5
        assertEquals(List.of(0, 4096, 8192, 12288, 16384, 19368), starts(WindowSchedule.plan(27560, 0, 8192, 0.5, 4)));
        List<Window> level0 = WindowSchedule.plan(110240, 0, 8192, 0.5, 4);
        assertEquals(26, level0.size());
        assertEquals(102048, level0.get(25).start());
        // 1B top (n_ctx 6144, hop 0.125): windows at 0 and 746; 5B top: one partial window
        assertEquals(List.of(0, 746), starts(WindowSchedule.plan(6890, 0, 6144, 0.125, 1)));
        assertEquals(List.of(new Window(0, 6890, 0)), WindowSchedule.plan(6890, 0, 8192, 0.125, 1));
    }

    @Test
    void everyLengthIsCoveredExactlyOnceWithFullAlignedWindows() {
        for (int nCtx : new int[] {8, 16, 32}) {
            for (double hop : new double[] {0.125, 0.25, 0.5, 1.0}) {
                for (int total = 4; total <= 200; total += 4) {
                    for (int existing = 0; existing <= total; existing += 4) {
                        List<Window> plan = WindowSchedule.plan(total, existing, nCtx, hop, 4);
                        int cur = existing;
                        for (Window w : plan) {
                            String where = "n_ctx " + nCtx + " hop " + hop + " total " + total + " existing " + existing + ": " + w;
                            assertEquals(cur, w.start() + w.known(), where); // continues exactly where the codes end
                            assertTrue(w.fresh() > 0 && w.known() >= 0, where);
                            assertEquals(0, w.start() % 4, where);
                            assertEquals(Math.min(nCtx, total), w.length(), where);
                            cur = w.end();
                        }
                        assertEquals(total, cur, "n_ctx " + nCtx + " hop " + hop + " total " + total + " existing " + existing);
                    }
                }
            }
        }
    }

    @Test
    void windowsReadTheHopOverlapAsContext() {
        List<Window> plan = WindowSchedule.plan(64, 0, 16, 0.5, 1);
        assertEquals(new Window(0, 16, 0), plan.get(0));
        assertEquals(new Window(8, 16, 8), plan.get(1));
        assertEquals(7, plan.size());
        assertEquals(new Window(48, 16, 8), plan.get(6));
    }

    @Test
    void resumingSkipsFinishedWindows() {
        List<Window> full = WindowSchedule.plan(100, 0, 16, 0.25, 4);
        List<Window> after = WindowSchedule.plan(100, full.get(3).end(), 16, 0.25, 4);
        assertEquals(full.subList(4, full.size()), after);
    }

    @Test
    void refusesImpossibleRequests() {
        assertThrows(IllegalArgumentException.class, () -> WindowSchedule.plan(10, 11, 16, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> WindowSchedule.plan(10, 0, 16, 0.5, 4));
        assertTrue(WindowSchedule.plan(12, 12, 16, 0.5, 4).isEmpty());
    }
}
