package io.fastjukebox.engine.generate;

import java.nio.file.Path;
import java.util.List;

/**
 * Progress of a generation, delivered on the job's thread (plain Java: a UI marshals it to its own
 * thread). Wrap it in {@link ThrottledListener} to receive progress at a bounded rate. Every method
 * has an empty default.
 */
public interface GenerationListener {

    /**
     * Sampling progress.
     *
     * @param level the level being sampled (2 = top)
     * @param candidates the candidates (1-based) sampled together now
     * @param window the window being sampled (1-based) of {@code windows} for these candidates
     * @param levelTokensDone tokens of this level sampled so far, over all its candidates (primes included)
     * @param levelTokensTotal tokens of this level when done, over all its candidates
     * @param tokensPerSecond tokens sampled per second at this level in this run (a batch counts each row)
     * @param etaSeconds estimated wall-clock seconds until every remaining level is done: the tokens left at
     *     each level (the 1:4:16 ratio included) at the current rate
     */
    record Progress(int level, List<Integer> candidates, int window, int windows, long levelTokensDone,
            long levelTokensTotal, double tokensPerSecond, double etaSeconds) {

        /** Fraction of this level done. */
        public double fraction() {
            return levelTokensTotal == 0 ? 1 : (double) levelTokensDone / levelTokensTotal;
        }
    }

    default void onProgress(Progress progress) {}

    /** A window finished and the codes so far were saved. */
    default void onWindowSaved(int level, List<Integer> candidates, int window, int windows) {}

    /** A level of a candidate is finished and decoded to {@code wav}. */
    default void onLevelFinished(int level, int candidate, Path wav) {}

    /** A human-readable note (models loaded, resuming, ...). */
    default void onMessage(String message) {}
}
