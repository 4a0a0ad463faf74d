package io.fastjukebox.engine.prior.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.jobs.TrainingListener;
import io.fastjukebox.engine.prior.ConditionerConfig;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.attention.AttentionOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriorTrainerTest {

    /** Tracks whose level-1 codes repeat a fixed 6-token motif and whose level-0 codes are 4 copies of each upper code. */
    static List<int[][]> repeatingTracks() {
        int[] motif = {3, 1, 4, 1, 5, 9};
        List<int[][]> tracks = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            int[] upper = new int[300];
            for (int i = 0; i < upper.length; i++) {
                upper[i] = motif[(i + k) % motif.length];
            }
            int[] lower = new int[1200];
            for (int i = 0; i < lower.length; i++) {
                lower[i] = upper[i / 4] + (i % 4 == 0 ? 0 : 2); // a deterministic function of the upper codes
            }
            tracks.add(new int[][] {lower, upper});
        }
        return tracks;
    }

    @Test
    void aTinyTopPriorLearnsARepeatingPatternToNearZeroLoss() throws Exception {
        PriorConfig config = new PriorConfig(1, 32, 32, 3, 2, AttentionOrder.of(2), 4, 0.5, 1.0, 1.0, 16, false, null);
        // The first code of a window is a 1-in-6 guess of the motif's phase: a floor of log2(6) / 32 = 0.08
        // bits per token; everything after it is determined (uniform guessing would cost 4 bits).
        assertTrainsBelow(config, 0.2);
    }

    @Test
    void aTinyUpsamplerLearnsTheLowerLevelFromTheUpperCodes() throws Exception {
        PriorConfig config = new PriorConfig(0, 32, 32, 3, 2, AttentionOrder.of(2), 4, 0.5, 1.0, 1.0, 16, false,
                new ConditionerConfig(16, 16, 2, 3, null, false, 2, 2));
        assertTrainsBelow(config, 0.1);
    }

    private static void assertTrainsBelow(PriorConfig config, double bits) throws Exception {
        PriorTrainParams params = new PriorTrainParams(250, 8, 3e-3, 20, 0, 1.0, 0, 1000, 0, 1);
        try (Prior prior = Prior.initialise(config, 2)) {
            PriorTrainer trainer = new PriorTrainer(prior, new CodeCorpus(repeatingTracks(), 0), params);
            double[] last = new double[1];
            trainer.run(1, new CancellationToken(), new TrainingListener() {
                @Override
                public void onStep(Step step) {
                    last[0] = step.metrics().get("loss_bits");
                }
            }, step -> Path.of("unused"));
            assertTrue(last[0] < bits, "final training loss " + last[0] + " bits");
            assertTrue(trainer.heldOutBits(4) < bits, "evaluation loss " + trainer.heldOutBits(4));
        }
    }
}
