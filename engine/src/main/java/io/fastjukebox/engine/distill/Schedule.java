package io.fastjukebox.engine.distill;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a run: its stages laid end to end, {@code stepsPerEpoch} steps per epoch. Steps are
 * 1-based and global; each stage covers {@code [firstStep, lastStep]}.
 *
 * @param stepsPerEpoch steps in one epoch
 * @param stages the stages in order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Schedule(int stepsPerEpoch, List<StageSteps> stages) {

    /** One stage with its global step range. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StageSteps(DistillPhase phase, int epochs, long firstStep, long lastStep) {
        /** Steps in the stage. */
        public long steps() {
            return lastStep - firstStep + 1;
        }
    }

    public Schedule {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one stage");
        }
    }

    /**
     * The schedule of {@code params}; an epoch is {@code params.stepsPerEpoch()} steps, or, when that is 0,
     * {@code ceil(trainingWindows / batch)} steps.
     */
    public static Schedule of(DistillParams params, long trainingWindows) {
        long perEpoch = params.stepsPerEpoch() > 0 ? params.stepsPerEpoch()
                : Math.max(1, (trainingWindows + params.batchSize() - 1) / params.batchSize());
        if (perEpoch > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(trainingWindows + " training windows make an epoch too long; "
                    + "set the steps per epoch");
        }
        List<StageSteps> stages = new ArrayList<>();
        long next = 1;
        for (DistillMode.Stage s : params.mode().stages(params.phase1Epochs(), params.phase2Epochs())) {
            long steps = s.epochs() * perEpoch;
            stages.add(new StageSteps(s.phase(), s.epochs(), next, next + steps - 1));
            next += steps;
        }
        return new Schedule((int) perEpoch, stages);
    }

    /** Steps of the whole run. */
    public long totalSteps() {
        return stages.get(stages.size() - 1).lastStep();
    }

    /** Index of the stage step {@code step} belongs to. */
    public int stageIndex(long step) {
        if (step < 1 || step > totalSteps()) {
            throw new IllegalArgumentException("step " + step + " is outside the run's 1.." + totalSteps());
        }
        int i = 0;
        while (step > stages.get(i).lastStep()) {
            i++;
        }
        return i;
    }

    /** Epoch (1-based, within its stage) of step {@code step}. */
    public int epoch(long step) {
        StageSteps s = stages.get(stageIndex(step));
        return (int) ((step - s.firstStep()) / stepsPerEpoch) + 1;
    }
}
