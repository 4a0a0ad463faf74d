package io.fastjukebox.engine.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.jobs.TrainingListener;
import io.fastjukebox.engine.nn.Adam;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.attention.AttentionOrder;
import io.fastjukebox.engine.prior.train.CodeCorpus;
import io.fastjukebox.engine.prior.train.PriorTrainParams;
import io.fastjukebox.engine.prior.train.PriorTrainer;
import io.fastjukebox.engine.runtime.EngineRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DistillTrainerTest {
    static final PriorConfig TEACHER = new PriorConfig(0, 32, 32, 6, 2, AttentionOrder.ROW_COLUMN_PREVIOUS_ROW, 4, 0.5, 1.0,
            1.0, 16, false, null);

    /**
     * Tracks of a first-order Markov chain over 16 codes: from each code, 3 likely successors (probabilities 0.6, 0.3,
     * 0.1) chosen with a fixed seed. The last track is held out (hold-out every 5th).
     */
    static List<int[][]> markovTracks() {
        SplittableRandom pick = new SplittableRandom(7);
        int[][] next = new int[16][3];
        for (int[] row : next) {
            for (int j = 0; j < 3; j++) {
                row[j] = pick.nextInt(16);
            }
        }
        List<int[][]> tracks = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(11);
        for (int t = 0; t < 5; t++) {
            int[] codes = new int[640];
            codes[0] = rng.nextInt(16);
            for (int i = 1; i < codes.length; i++) {
                double u = rng.nextDouble();
                codes[i] = next[codes[i - 1]][u < 0.6 ? 0 : u < 0.9 ? 1 : 2];
            }
            tracks.add(new int[][] {codes});
        }
        return tracks;
    }

    static DistillParams params(DistillMode mode, int e1, int e2, int stepsPerEpoch) {
        return new DistillParams(mode, e1, e2, stepsPerEpoch, 8, 3e-3, 10, 0, 1.0, LossWeights.defaults(), 5, 1000, 0, 5);
    }

    /** A teacher trained on the Markov tracks. */
    static Prior trainedTeacher(int steps) throws Exception {
        Prior teacher = Prior.initialise(TEACHER, 3);
        PriorTrainer trainer = new PriorTrainer(teacher, new CodeCorpus(markovTracks(), 5),
                new PriorTrainParams(steps, 8, 3e-3, 20, 0, 1.0, 5, 100_000, 0, 4));
        trainer.run(1, new CancellationToken(), new TrainingListener() {}, step -> Path.of("unused"));
        return teacher;
    }

    @Test
    void gradientsReachTheStudentAndItsProjectionButNeverTheTeacher() throws Exception {
        EngineRuntime.engine(); // loads libtorch
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // A new thread starts with libtorch's grad mode on (djl-notes 5): the trainer must not depend on it.
        Thread worker = new Thread(() -> {
            try {
                assertTrue(JniUtils.isGradMode());
                checkGradients();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        worker.start();
        worker.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    private static void checkGradients() throws Exception {
        try (Prior teacher = Prior.initialise(TEACHER, 1)) {
            teacher.parameters().requireGradients(true); // even a teacher left trainable by mistake gets nothing
            PriorConfig sc = StudentFactory.config(TEACHER, 3, 16);
            try (Prior student = StudentFactory.fromTeacher(teacher, sc, 2).student()) {
                HiddenProjection projection = HiddenProjection.initialise(student, TEACHER.width(), 2);
                DistillParams p = params(DistillMode.FULL, 1, 1, 1);
                DistillTrainer trainer = new DistillTrainer(teacher, student, projection, new CodeCorpus(markovTracks(), 5), p,
                        Schedule.of(p, 100));
                Map<String, float[]> before = new java.util.LinkedHashMap<>();
                for (String name : teacher.parameters().trainableNames()) {
                    before.put(name, teacher.parameters().values(name));
                }
                for (long step = 1; step <= 2; step++) { // phase 1 (hidden and attention MSE), phase 2 (soft CE)
                    Map<String, Double> metrics = trainer.backward(step);
                    assertTrue(metrics.get("loss") > 0, metrics.toString());
                    for (String name : teacher.parameters().trainableNames()) {
                        assertFalse(teacher.parameters().get(name).hasGradient(), "teacher " + name + " has a gradient");
                    }
                    for (String name : student.parameters().trainableNames()) {
                        float norm = student.parameters().get(name).getGradient().norm().getFloat();
                        assertTrue(norm > 0, "student " + name + " got no gradient at step " + step);
                    }
                    for (String name : projection.parameters().trainableNames()) {
                        float norm = projection.parameters().get(name).getGradient().norm().getFloat();
                        assertEquals(step == 1, norm > 0, "projection " + name + " at step " + step);
                    }
                    try (Adam drop = new Adam(List.of(student.parameters(), projection.parameters()), 0.9, 0.999, 1e-8, 0, 0)) {
                        drop.zeroGradients(); // forget this step's gradients before the next
                    }
                }
                trainer.step(2); // a full step changes the student and leaves the teacher bit for bit
                for (String name : teacher.parameters().trainableNames()) {
                    assertArrayEquals(before.get(name), teacher.parameters().values(name), name);
                }
            }
        }
    }

    @Test
    void upsamplersDistilOnAlignedUpperCodesFromTheTeachersConditioner() throws Exception {
        PriorConfig up = new PriorConfig(0, 32, 32, 6, 2, AttentionOrder.ROW_COLUMN_PREVIOUS_ROW, 4, 0.5, 1.0, 1.0, 16, false,
                new io.fastjukebox.engine.prior.ConditionerConfig(16, 8, 1, 3, null, false, 2, 2));
        List<int[][]> tracks = new ArrayList<>();
        for (int[][] t : markovTracks()) {
            int[] lower = new int[t[0].length * 4];
            for (int i = 0; i < lower.length; i++) {
                lower[i] = (t[0][i / 4] + i % 4) % 16; // a function of the upper code and the phase
            }
            tracks.add(new int[][] {lower, t[0]});
        }
        try (Prior teacher = Prior.initialise(up, 1);
                Prior student = StudentFactory.fromTeacher(teacher, StudentFactory.config(up, 3, null), 2).student()) {
            String cond = io.fastjukebox.engine.prior.PriorLayout.COND + "cond.model.0.weight";
            assertArrayEquals(teacher.parameters().values(cond), student.parameters().values(cond));
            DistillParams p = params(DistillMode.FULL, 1, 1, 2);
            DistillTrainer trainer = new DistillTrainer(teacher, student, null, new CodeCorpus(tracks, 5), p, Schedule.of(p, 0));
            List<Map<String, Double>> steps = new ArrayList<>();
            trainer.run(1, new CancellationToken(), new TrainingListener() {
                @Override
                public void onStep(Step step) {
                    steps.add(step.metrics());
                }
            }, step -> Path.of("unused"));
            assertEquals(4, steps.size());
            assertTrue(steps.get(0).get("hidden_mse") > 0 && steps.get(3).get("soft_ce") > 0, steps.toString());
            assertTrue(trainer.validate().get("kl_to_teacher_bits") > 0);
        }
    }

    @Test
    void aDistilledStudentIsCloserToTheTeacherThanTheSameStudentTrainedByMaximumLikelihood() throws Exception {
        try (Prior teacher = trainedTeacher(300)) {
            CodeCorpus corpus = new CodeCorpus(markovTracks(), 5);
            List<CodeCorpus.Window> heldOut = HeldOutScore.windows(corpus.heldOut(), TEACHER, 20);
            double distilled = klAfter(teacher, corpus, DistillMode.FULL, heldOut);
            double mle = klAfter(teacher, corpus, DistillMode.MLE, heldOut);
            System.out.printf("KL distilled %.4f, MLE %.4f%n", distilled, mle);
            assertTrue(distilled < 0.7 * mle, "KL(teacher||student) distilled " + distilled + " vs MLE " + mle + " bits");
        }
    }

    private static double klAfter(Prior teacher, CodeCorpus corpus, DistillMode mode, List<CodeCorpus.Window> heldOut)
            throws Exception {
        PriorConfig sc = StudentFactory.config(TEACHER, 3, null);
        DistillParams p = params(mode, 1, 3, 40); // 160 steps either way
        try (Prior student = mode == DistillMode.MLE ? Prior.initialise(sc, 5)
                : StudentFactory.fromTeacher(teacher, sc, 5).student()) {
            DistillTrainer trainer = new DistillTrainer(teacher, student, null, corpus, p, Schedule.of(p, 0));
            trainer.run(1, new CancellationToken(), new TrainingListener() {}, step -> Path.of("unused"));
            return HeldOutScore.compare(teacher, List.of(student), heldOut).get(0).klBits();
        }
    }
}
