package io.fastjukebox.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class UiBridgeTest {
    private final Deque<Runnable> uiQueue = new ArrayDeque<>();
    private final UiBridge bridge = new UiBridge(uiQueue::add);
    private final List<String> seen = new ArrayList<>();

    @Test
    void manyUpdatesBecomeOneFlushWhereTheLatestUpdatePerKeyWinsAndEventsAreKept() {
        Object top = new Object();
        for (int i = 1; i <= 100; i++) {
            int n = i;
            bridge.publish(top, () -> seen.add("top " + n));
        }
        bridge.execute(() -> seen.add("level finished"));
        bridge.execute(() -> seen.add("job ended"));

        assertEquals(1, uiQueue.size(), "one runLater for the whole burst");
        uiQueue.remove().run();
        assertEquals(List.of("top 100", "level finished", "job ended"), seen);
    }

    @Test
    void afterCloseNothingReachesTheUi() {
        bridge.execute(() -> seen.add("before close"));
        bridge.close();
        bridge.execute(() -> seen.add("after close"));
        uiQueue.forEach(Runnable::run);

        assertEquals(List.of(), seen, "a flush already handed to the UI thread runs nothing either");
    }

    @Test
    void anUpdateAfterAnEventRunsAfterItAndTheNextBurstGetsANewFlush() {
        Object level = new Object();
        bridge.publish(level, () -> seen.add("progress 1"));
        bridge.execute(() -> seen.add("event"));
        bridge.publish(level, () -> seen.add("progress 2"));
        uiQueue.remove().run();
        assertEquals(List.of("event", "progress 2"), seen);

        bridge.publish(level, () -> seen.add("progress 3"));
        assertEquals(1, uiQueue.size());
        uiQueue.remove().run();
        assertEquals("progress 3", seen.get(seen.size() - 1));
    }
}
