package io.fastjukebox.engine.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Jukebox's windows over one level (spec 5.2, {@code sample_level}): with at least n_ctx tokens,
 * windows start at 0, hop, 2·hop, ... and the last is moved back to end exactly at the end; with
 * fewer, one partial window from 0. A window re-reads the codes it overlaps and samples only the
 * rest; windows with nothing new are skipped, so the same plan serves a fresh level, a primed one
 * and a resumed one.
 */
public final class WindowSchedule {

    /**
     * One window: positions {@code [start, start + length)}, of which the first {@code known} are
     * already sampled (they prime the cache) and the rest are new.
     */
    public record Window(int start, int length, int known) {
        /** Tokens this window samples. */
        public int fresh() {
            return length - known;
        }

        /** One past the last position. */
        public int end() {
            return start + length;
        }
    }

    private WindowSchedule() {}

    /**
     * The windows that take a level from {@code existing} to {@code total} tokens.
     *
     * @param nCtx the prior's context
     * @param hopFraction window advance as a fraction of n_ctx
     * @param align window starts must be multiples of this (the upsampling of the level above, or 1)
     */
    public static List<Window> plan(int total, int existing, int nCtx, double hopFraction, int align) {
        if (total < 0 || existing < 0 || existing > total) {
            throw new IllegalArgumentException("cannot extend " + existing + " tokens to " + total);
        }
        if (nCtx < 1 || align < 1 || nCtx % align != 0 || total % align != 0) {
            throw new IllegalArgumentException("n_ctx " + nCtx + " and length " + total + " must be multiples of " + align);
        }
        List<Window> out = new ArrayList<>();
        if (existing == total) {
            return out;
        }
        if (total < nCtx) {
            out.add(new Window(0, total, existing)); // sample_partial_window: everything fits one window from 0
            return out;
        }
        int hop = hop(nCtx, hopFraction, align);
        int cur = existing;
        for (int start = 0; start < total - nCtx + hop; start += hop) {
            int s = start + nCtx >= total ? total - nCtx : start;
            int end = s + nCtx;
            if (end <= cur) {
                continue; // already sampled (primed, continued or resumed)
            }
            out.add(new Window(s, nCtx, cur - s));
            cur = end;
        }
        return out;
    }

    /** The window advance: {@code int(hopFraction · n_ctx)}, rounded down to the alignment (at least one step). */
    public static int hop(int nCtx, double hopFraction, int align) {
        int hop = (int) (hopFraction * nCtx);
        return Math.max(align, hop / align * align);
    }
}
