package io.fastjukebox.engine.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.prior.attention.AttentionOrder;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LayerMappingTest {
    private static final AttentionOrder RCP = AttentionOrder.ROW_COLUMN_PREVIOUS_ROW;

    /** Student layer i = 3k + p (pattern p, k-th of its pattern) maps to teacher layer {@code 3 (r k + r - 1) + p}. */
    private static int[] everyRthOfEachPattern(int studentDepth, int r) {
        return IntStream.range(0, studentDepth).map(i -> 3 * (r * (i / 3) + r - 1) + i % 3).toArray();
    }

    @Test
    void seventyTwoToTwentyFourTakesEveryThirdLayerOfEachPattern() {
        LayerMapping m = LayerMapping.of(RCP, 72, 24);
        assertArrayEquals(new int[] {6, 7, 8, 15, 16, 17, 24, 25, 26}, java.util.Arrays.copyOf(m.teacherLayer(), 9));
        assertArrayEquals(everyRthOfEachPattern(24, 3), m.teacherLayer());
        assertSamePatternsAndEndsOnTheLastLayers(m);
    }

    @Test
    void seventyTwoToEighteenTakesEveryFourthLayerOfEachPattern() {
        LayerMapping m = LayerMapping.of(RCP, 72, 18);
        assertArrayEquals(new int[] {9, 10, 11, 21, 22, 23}, java.util.Arrays.copyOf(m.teacherLayer(), 6));
        assertArrayEquals(everyRthOfEachPattern(18, 4), m.teacherLayer());
        assertSamePatternsAndEndsOnTheLastLayers(m);
    }

    @Test
    void twentyFourToSixTakesEveryFourthLayerOfEachPattern() {
        LayerMapping m = LayerMapping.of(RCP, 24, 6);
        assertArrayEquals(new int[] {9, 10, 11, 21, 22, 23}, m.teacherLayer());
        assertSamePatternsAndEndsOnTheLastLayers(m);
    }

    @Test
    void twentyFourToEightNeedsACycleThatDividesEight() {
        // Row/column (attn_order 1, cycle 2): 12 teacher layers per pattern, 4 student layers: every third.
        LayerMapping two = LayerMapping.of(AttentionOrder.ROW_COLUMN, 24, 8);
        assertArrayEquals(new int[] {4, 5, 10, 11, 16, 17, 22, 23}, two.teacherLayer());
        assertSamePatternsAndEndsOnTheLastLayers(two);
        // Row/column/previous-row/dense (attn_order 9, cycle 4): 6 per pattern, 2 student layers: every third.
        LayerMapping four = LayerMapping.of(AttentionOrder.ROW_COLUMN_PREVIOUS_ROW_DENSE, 24, 8);
        assertArrayEquals(new int[] {8, 9, 10, 11, 20, 21, 22, 23}, four.teacherLayer());
        assertSamePatternsAndEndsOnTheLastLayers(four);
        // The three-pattern cycle of the released priors cannot be kept with 8 layers.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerMapping.of(RCP, 24, 8));
        assertEquals("8 student layers break the attention-pattern cycle of 3 (row, column, previous-row): the student "
                + "needs whole cycles, e.g. 6 or 9", e.getMessage());
    }

    @Test
    void unevenRatiosStillSpreadOverDepthAndEndOnTheLastLayers() {
        LayerMapping m = LayerMapping.of(RCP, 72, 30); // 24 teacher layers per pattern, 10 student layers
        assertSamePatternsAndEndsOnTheLastLayers(m);
        assertEquals(m, LayerMapping.of(RCP, 72, 30));
        LayerMapping same = LayerMapping.of(RCP, 24, 24);
        assertArrayEquals(IntStream.range(0, 24).toArray(), same.teacherLayer());
    }

    @Test
    void refusesSizesThatBreakTheCycleOrAreNotSmaller() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerMapping.of(RCP, 72, 20)).getMessage()
                .contains("e.g. 18 or 21"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerMapping.of(RCP, 72, 2)).getMessage()
                .contains("e.g. 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerMapping.of(RCP, 72, 75)).getMessage()
                .contains("75 layers is deeper than its 72-layer teacher"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerMapping.of(RCP, 72, 0)).getMessage()
                .contains("student layers 0 must be positive"));
    }

    @Test
    void describesAndRecordsTheMappingByPattern() {
        LayerMapping m = LayerMapping.of(RCP, 24, 6);
        String text = m.describe();
        assertTrue(text.contains("24 teacher layers -> 6 student layers"), text);
        assertTrue(text.contains("row:          0<-9 3<-21"), text);
        assertTrue(text.contains("previous-row: 2<-11 5<-23"), text);
        assertEquals(6, m.rows().size());
        assertEquals(java.util.Map.of("student", 4, "teacher", 22, "pattern", "column"), m.rows().get(4));
    }

    private static void assertSamePatternsAndEndsOnTheLastLayers(LayerMapping m) {
        AttentionOrder order = m.order();
        int cycle = order.cycleLength();
        for (int i = 0; i < m.studentDepth(); i++) {
            assertEquals(order.pattern(i), order.pattern(m.teacherLayer(i)), "pattern of student layer " + i);
            if (i >= cycle) {
                assertTrue(m.teacherLayer(i) > m.teacherLayer(i - cycle), "increasing within pattern at " + i);
            }
        }
        for (int p = 0; p < cycle; p++) {
            int lastStudent = m.studentDepth() - cycle + p;
            int lastTeacher = (m.teacherDepth() - 1 - p) / cycle * cycle + p;
            assertEquals(lastTeacher, m.teacherLayer(lastStudent), "last layer of pattern " + p);
        }
    }
}
