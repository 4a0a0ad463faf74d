package io.fastjukebox.engine.distill;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.jobs.Checkpointer;
import io.fastjukebox.engine.jobs.TrainingListener;
import io.fastjukebox.engine.jobs.TrainingLoop;
import io.fastjukebox.engine.nn.Adam;
import io.fastjukebox.engine.nn.ParameterSet;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.train.CodeCorpus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a student prior from a frozen teacher through the stages of a {@link Schedule}. The teacher
 * only ever runs with autograd off and its tensors never require gradients, so no graph reaches it
 * (and no DJL Trainer is involved, which would un-freeze a loaded model). Each step's windows come
 * from a generator seeded by (seed, step), and every stage starts a fresh AdamW, so a run resumed from
 * a checkpoint (student, projection, optimiser state) continues exactly.
 */
public final class DistillTrainer {
    private final Prior teacher;
    private final Prior student;
    private final HiddenProjection projection;
    private final CodeCorpus corpus;
    private final DistillParams params;
    private final Schedule schedule;
    private final DistillationLoss loss;
    private final List<CodeCorpus.Window> validation;
    private Adam adam;
    private int adamStage = -1;
    private int announcedStage = -1;
    private Map<String, Double> lastMetrics = Map.of();
    private Map<String, Double> lastValidation = Map.of();

    /**
     * @param teacher the frozen teacher (also used for validation in MLE mode)
     * @param projection maps the student's hidden states to the teacher's width; null at equal width or in MLE mode
     */
    public DistillTrainer(Prior teacher, Prior student, HiddenProjection projection, CodeCorpus corpus, DistillParams params,
            Schedule schedule) {
        this.teacher = teacher;
        this.student = student;
        this.projection = projection;
        this.corpus = corpus;
        this.params = params;
        this.schedule = schedule;
        PriorConfig s = student.config();
        this.loss = new DistillationLoss(LayerMapping.of(s.attnOrder(), teacher.config().depth(), s.depth()), projection,
                params.losses());
        teacher.parameters().requireGradients(false);
        student.parameters().requireGradients(true);
        if (projection != null) {
            projection.parameters().requireGradients(true);
        }
        this.validation = HeldOutScore.windows(corpus.heldOut().isEmpty() ? corpus.train() : corpus.heldOut(), s, 8);
    }

    /** The optimiser of the stage in progress (null before the first step). */
    public Adam optimiser() {
        return adam;
    }

    /** The metrics of the last step run (empty before the first). */
    public Map<String, Double> lastMetrics() {
        return lastMetrics;
    }

    /** The last held-out metrics (empty before the first validation). */
    public Map<String, Double> lastValidation() {
        return lastValidation;
    }

    /** Index of the stage whose optimiser state {@link #optimiser()} holds (-1 before the first step). */
    public int optimiserStage() {
        return adamStage;
    }

    /** Restores the optimiser of stage {@code stage} from a checkpoint, {@code steps} steps into that stage. */
    public void restoreOptimiser(int stage, Map<String, float[]> state, long steps) {
        openOptimiser(stage);
        adam.restore(state, steps);
    }

    private void openOptimiser(int stage) {
        if (adam != null) {
            adam.close();
        }
        List<ParameterSet> sets = new ArrayList<>(List.of(student.parameters()));
        if (projection != null && schedule.stages().get(stage).phase() == DistillPhase.INTERMEDIATE) {
            sets.add(projection.parameters());
        }
        adam = new Adam(sets, 0.9, 0.999, 1e-8, params.weightDecay(), params.maxGradNorm());
        adamStage = stage;
    }

    /** Runs step {@code step} (1-based, global) and returns its metrics: phase, epoch, every loss term, norm, lr. */
    public Map<String, Double> step(long step) {
        int stage = schedule.stageIndex(step);
        if (stage != adamStage) {
            openOptimiser(stage);
        }
        Map<String, Double> metrics = backward(step);
        Schedule.StageSteps s = schedule.stages().get(stage);
        double lr = params.learningRate(step - s.firstStep() + 1, s.steps());
        metrics.put("grad_norm", adam.step(lr));
        metrics.put("lr", lr);
        lastMetrics = Map.copyOf(metrics);
        return metrics;
    }

    /** The loss of step {@code step} and its gradients, accumulated into the student's (and projection's) tensors. */
    Map<String, Double> backward(long step) {
        int stage = schedule.stageIndex(step);
        DistillPhase phase = schedule.stages().get(stage).phase();
        PriorConfig c = student.config();
        CodeCorpus.Batch batch = corpus.batch(params.seed(), step, params.batchSize(), c.level(), c.nCtx(),
                c.isUpsampler() ? c.conditioner().upsampling() : 0);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("phase", (double) (stage + 1));
        metrics.put("epoch", (double) schedule.epoch(step));
        try (NDScope scope = new NDScope()) {
            NDManager m = student.manager();
            NDArray codes = Prior.toCodes(m, batch.codes()); // (N, T)
            NDArray upper = batch.upper() == null ? null : Prior.toCodes(m, batch.upper());
            Prior.Forward t = phase == DistillPhase.HARD_LABEL ? null : teacherForward(phase, codes, upper);
            JniUtils.setGradMode(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                DistillationLoss.Result r = switch (phase) {
                    case INTERMEDIATE -> loss.intermediate(student.forward(codes, upper, true, keepAttention()), t);
                    case PREDICTION -> loss.prediction(student.forward(codes, upper, false, false).logits(), t.logits(), codes);
                    case HARD_LABEL -> DistillationLoss.hardLabel(student.forward(codes, upper, false, false).logits(), codes);
                };
                r.terms().forEach((k, v) -> metrics.put(k, (double) v.getFloat()));
                metrics.put("loss", (double) r.total().getFloat());
                gc.backward(r.total());
            } finally {
                JniUtils.setGradMode(false);
            }
        }
        return metrics;
    }

    private boolean keepAttention() {
        return params.losses().attention() > 0;
    }

    /** The teacher's forward with autograd off: nothing it computes can carry a gradient back to it. */
    private Prior.Forward teacherForward(DistillPhase phase, NDArray codes, NDArray upper) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            boolean intermediate = phase == DistillPhase.INTERMEDIATE;
            return teacher.forward(codes, upper, intermediate, intermediate && keepAttention());
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /** Held-out NLL of the student and its KL to, and top-1 agreement with, the teacher (fixed windows). */
    public Map<String, Double> validate() {
        HeldOutScore.Scores s = HeldOutScore.compare(teacher, List.of(student), validation).get(0);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("held_out_bits_per_token", s.nllBits());
        out.put("kl_to_teacher_bits", s.klBits());
        out.put("top1_agreement", s.top1());
        lastValidation = Map.copyOf(out);
        return out;
    }

    /** Trains from {@code firstStep} to the end of the schedule; returns the last finished step. */
    public long run(long firstStep, CancellationToken cancel, TrainingListener listener, Checkpointer checkpoint)
            throws IOException {
        return new TrainingLoop(schedule.totalSteps(), params.checkpointEvery(), params.validateEvery(), "loss").run(firstStep,
                step -> {
                    announceStage(step, listener);
                    return step(step);
                }, step -> validate(), checkpoint, cancel, listener);
    }

    /** Says which phase starts, at its first step and at the first step of a resumed run. */
    private void announceStage(long step, TrainingListener listener) {
        int i = schedule.stageIndex(step);
        if (i == announcedStage) {
            return;
        }
        announcedStage = i;
        Schedule.StageSteps s = schedule.stages().get(i);
        listener.onMessage(String.format(Locale.ROOT, "phase %d/%d: %s, %d epochs x %d steps = steps %d-%d", i + 1,
                schedule.stages().size(), s.phase().description(), s.epochs(), schedule.stepsPerEpoch(), s.firstStep(),
                s.lastStep()));
    }
}
