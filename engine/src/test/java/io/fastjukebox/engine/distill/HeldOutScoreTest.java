package io.fastjukebox.engine.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.train.CodeCorpus;
import io.fastjukebox.engine.testing.TinyModels;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which held-out windows are scored: spread over all the held-out audio, not its first seconds. */
class HeldOutScoreTest {
    /** A track whose level-l code at position p is the track number * 1000 + p (so a window says where it came from). */
    private static int[][] track(int number, int topLength, int ratio) {
        int[] middle = IntStream.range(0, topLength * ratio).map(p -> number * 1000 + p).toArray();
        int[] top = IntStream.range(0, topLength).map(p -> number * 1000 + p).toArray();
        return new int[][] {new int[0], middle, top};
    }

    @Test
    void windowsAreSpreadEvenlyOverEveryTrack() {
        PriorConfig top = TinyModels.top(16);
        List<int[][]> tracks = List.of(track(0, 160, 4), track(1, 100, 4)); // 10 + 6 whole windows
        List<CodeCorpus.Window> four = HeldOutScore.windows(tracks, top, 4);
        // candidates 0..15; taken floor(i * 16 / 4) = 0, 4, 8, 12: track 0 at 0 and 64, 128; track 1 at 32
        assertEquals(List.of(0, 64, 128, 1032), four.stream().map(w -> (Integer) w.codes()[0]).toList());
        assertArrayEquals(IntStream.range(64, 80).toArray(), four.get(1).codes());
        assertEquals(16, HeldOutScore.windows(tracks, top, 100).size(), "all of them when fewer than asked for");
        assertEquals(List.of(0, 16, 32), HeldOutScore.windows(tracks, top, 100).stream().limit(3).map(w -> (Integer) w.codes()[0]).toList());
    }

    @Test
    void anUpsamplersWindowsCarryTheAlignedUpperCodes() {
        PriorConfig middle = TinyModels.upsampler(1, 16);
        int ratio = middle.conditioner().upsampling();
        List<CodeCorpus.Window> w = HeldOutScore.windows(List.<int[][]>of(track(0, 64, ratio)), middle, 2);
        int count = 64 * ratio / 16;
        int second = count / 2 * 16;
        assertEquals(second, w.get(1).codes()[0]);
        assertArrayEquals(IntStream.range(second / ratio, (second + 16) / ratio).toArray(), w.get(1).upper());
    }
}
