package io.fastjukebox.engine.generate;

import java.nio.file.Path;
import java.util.List;

/**
 * Passes progress on at most once per interval (always the first and the last of a level), and
 * every other event as it comes, so a UI is never flooded with one update per token.
 */
public final class ThrottledListener implements GenerationListener {
    private final GenerationListener target;
    private final long intervalNanos;
    private long last = Long.MIN_VALUE;
    private int lastLevel = -1;

    public ThrottledListener(GenerationListener target, long intervalMillis) {
        this.target = target;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    @Override
    public void onProgress(Progress p) {
        long now = System.nanoTime();
        boolean edge = p.level() != lastLevel || p.levelTokensDone() >= p.levelTokensTotal();
        if (edge || last == Long.MIN_VALUE || now - last >= intervalNanos) {
            last = now;
            lastLevel = p.level();
            target.onProgress(p);
        }
    }

    @Override
    public void onWindowSaved(int level, List<Integer> candidates, int window, int windows) {
        target.onWindowSaved(level, candidates, window, windows);
    }

    @Override
    public void onLevelFinished(int level, int candidate, Path wav) {
        target.onLevelFinished(level, candidate, wav);
    }

    @Override
    public void onMessage(String message) {
        target.onMessage(message);
    }
}
