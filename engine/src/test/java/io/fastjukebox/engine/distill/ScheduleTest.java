package io.fastjukebox.engine.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.config.Json;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static DistillParams params(DistillMode mode, int e1, int e2, int stepsPerEpoch) {
        return new DistillParams(mode, e1, e2, stepsPerEpoch, 4, 1e-3, 0, 0, 1, LossWeights.defaults(), 0, 10, 0, 3);
    }

    @Test
    void anEpochIsTheTrainingWindowsOverTheBatchAndFullModeRunsBothPhases() {
        Schedule s = Schedule.of(params(DistillMode.FULL, 2, 3, 0), 10); // ceil(10 / 4) = 3 steps per epoch
        assertEquals(3, s.stepsPerEpoch());
        assertEquals(2, s.stages().size());
        assertEquals(new Schedule.StageSteps(DistillPhase.INTERMEDIATE, 2, 1, 6), s.stages().get(0));
        assertEquals(new Schedule.StageSteps(DistillPhase.PREDICTION, 3, 7, 15), s.stages().get(1));
        assertEquals(15, s.totalSteps());
        assertEquals(0, s.stageIndex(6));
        assertEquals(1, s.stageIndex(7));
        assertEquals(2, s.epoch(6));
        assertEquals(1, s.epoch(9));
        assertEquals(2, s.epoch(10));
        assertThrows(IllegalArgumentException.class, () -> s.stageIndex(16));
    }

    @Test
    void ablationsSpendTheSameStepsOnOneLoss() {
        Schedule w = Schedule.of(params(DistillMode.INTERMEDIATE, 2, 3, 5), 999);
        assertEquals(1, w.stages().size());
        assertEquals(DistillPhase.INTERMEDIATE, w.stages().get(0).phase());
        assertEquals(25, w.totalSteps());
        Schedule mle = Schedule.of(params(DistillMode.MLE, 2, 3, 5), 999);
        assertEquals(DistillPhase.HARD_LABEL, mle.stages().get(0).phase());
        assertEquals(25, mle.totalSteps());
        Schedule predictionOnly = Schedule.of(params(DistillMode.FULL, 0, 3, 5), 999);
        assertEquals(DistillPhase.PREDICTION, predictionOnly.stages().get(0).phase());
    }

    @Test
    void paramsRoundTripThroughJsonAndRejectBadValuesByName() throws Exception {
        DistillParams p = params(DistillMode.INTERMEDIATE, 2, 3, 0);
        String json = Json.mapper().writeValueAsString(p);
        assertTrue(json.contains("\"mode\" : \"intermediate\"") && json.contains("\"phase1_epochs\" : 2"), json);
        assertEquals(p, Json.mapper().readValue(json, DistillParams.class));
        assertEquals("mode 'distil' is not one of full, intermediate, mle",
                assertThrows(IllegalArgumentException.class, () -> DistillMode.parse("distil")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> params(DistillMode.FULL, 0, 0, 0)).getMessage()
                .contains("epochs 0,0 leave mode full nothing to train"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LossWeights(1, 1, 1, 0, 0)).getMessage()
                .contains("temperature 0.0 must be in (0, 100]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LossWeights(-1, 1, 1, 0, 1)).getMessage()
                .contains("hidden loss weight -1.0"));
    }
}
