package io.fastjukebox.engine.prior.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Each pattern's mask against the definitions of spec section 3.1, written out as index arithmetic. */
class AttentionPatternTest {
    private static final int B = 4;

    @Test
    void rowSeesEarlierPositionsOfItsOwnBlock() {
        assertVisible(AttentionPattern.ROW, 6, 4, 5, 6);
        assertVisible(AttentionPattern.ROW, 0, 0);
        assertVisible(AttentionPattern.ROW, 8, 8);
    }

    @Test
    void columnSeesEarlierPositionsOfItsOwnColumn() {
        assertVisible(AttentionPattern.COLUMN, 9, 1, 5, 9);
        assertVisible(AttentionPattern.COLUMN, 3, 3);
    }

    @Test
    void previousRowSeesAllOfThePreviousBlockAndBlockZeroSeesNothing() {
        assertVisible(AttentionPattern.PREVIOUS_ROW, 9, 4, 5, 6, 7);
        assertVisible(AttentionPattern.PREVIOUS_ROW, 4, 0, 1, 2, 3);
        assertVisible(AttentionPattern.PREVIOUS_ROW, 2);
    }

    @Test
    void denseSeesEveryEarlierPosition() {
        assertVisible(AttentionPattern.DENSE, 3, 0, 1, 2, 3);
    }

    @Test
    void masksMatchAllowsEverywhereAndCachesAreSizedByPattern() {
        for (AttentionPattern p : AttentionPattern.values()) {
            float[] m = p.mask(16, B);
            for (int i = 0; i < 16; i++) {
                for (int j = 0; j < 16; j++) {
                    assertEquals(p.allows(i, j, B) ? 1f : 0f, m[i * 16 + j], p + " " + i + "," + j);
                }
            }
        }
        assertEquals(64, AttentionPattern.COLUMN.cacheLength(64, 8));
        assertEquals(8, AttentionPattern.ROW.cacheLength(64, 8));
        assertEquals(16, AttentionPattern.PREVIOUS_ROW.cacheLength(64, 8));
    }

    @Test
    void orderTwoCyclesRowColumnPreviousRow() {
        AttentionOrder o = AttentionOrder.of(2);
        assertEquals(3, o.cycleLength());
        assertEquals(AttentionPattern.ROW, o.pattern(69));
        assertEquals(AttentionPattern.COLUMN, o.pattern(70));
        assertEquals(AttentionPattern.PREVIOUS_ROW, o.pattern(71));
    }

    private static void assertVisible(AttentionPattern p, int query, int... keys) {
        StringBuilder expected = new StringBuilder();
        for (int k : keys) {
            expected.append(k).append(' ');
        }
        StringBuilder actual = new StringBuilder();
        for (int j = 0; j < 16; j++) {
            if (p.allows(query, j, B)) {
                actual.append(j).append(' ');
            }
        }
        assertEquals(expected.toString(), actual.toString(), p + " query " + query);
    }
}
