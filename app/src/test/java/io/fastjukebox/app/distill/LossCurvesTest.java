package io.fastjukebox.app.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossCurvesTest {
    private final LossCurves curves = new LossCurves();

    @Test
    void onlyLossTermsBecomeCurvesInTheOrderTheyAppear() {
        curves.add(1, Map.of("phase", 1.0, "epoch", 1.0, "lr", 1e-4, "grad_norm", 3.0, "hidden_mse", 0.5));
        curves.add(2, Map.of("hidden_mse", 0.4, "loss", Double.NaN, "soft_ce", 2.0));

        assertEquals(List.of("hidden_mse", "soft_ce"), curves.curves().stream().map(LossCurves.Curve::term).toList());
        assertEquals(List.of(new LossCurves.Point(1, 0.5), new LossCurves.Point(2, 0.4)), curves.curves().get(0).points());
    }

    @Test
    void aLongRunIsKeptWholeInAtMostMaxPointsOfMeans() {
        int steps = LossCurves.MAX_POINTS * 5 + 3;
        for (int step = 1; step <= steps; step++) {
            curves.add(step, Map.of("loss", (double) step));
        }
        LossCurves.Curve loss = curves.curves().get(0);

        assertTrue(loss.points().size() <= LossCurves.MAX_POINTS, loss.points().size() + " points");
        assertTrue(loss.points().size() > LossCurves.MAX_POINTS / 2, "the chart keeps its detail: " + loss.points().size());
        assertEquals(8, loss.stepsPerPoint());
        assertEquals(new LossCurves.Point(8, 4.5), loss.points().get(0), "the first point is the mean of steps 1 to 8");
        LossCurves.Point last = loss.points().get(loss.points().size() - 1);
        assertTrue(last.step() > steps - 8 && last.step() <= steps, "the curve reaches the end of the run: " + last);
        for (int i = 1; i < loss.points().size(); i++) {
            assertTrue(loss.points().get(i).step() > loss.points().get(i - 1).step());
        }
    }

    @Test
    void stepsRepeatedAfterAResumeReplaceTheOldOnes() {
        for (int step = 1; step <= 5; step++) {
            curves.add(step, Map.of("loss", 10.0));
        }
        curves.add(4, Map.of("loss", 1.0));

        assertEquals(List.of(1L, 2L, 3L, 4L), curves.curves().get(0).points().stream().map(LossCurves.Point::step).toList());
        assertEquals(1.0, curves.curves().get(0).points().get(3).value());
        curves.clear();
        assertEquals(List.of(), curves.curves());
    }
}
