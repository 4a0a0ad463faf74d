package io.fastjukebox.engine.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.jobs.TrainingListener;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorBundles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints, cancellation, exact resume and provenance of distillation jobs. */
class DistillRunTest {
    private static final Map<String, Object> DATA = Map.of("codes_file", "markov.npz", "codes_sha256", "abc");

    @TempDir
    Path dir;
    private Path teacher;

    @BeforeEach
    void saveTeacher() throws IOException {
        teacher = dir.resolve("teacher.fjb");
        try (Prior t = Prior.initialise(DistillTrainerTest.TEACHER, 1)) {
            PriorBundles.save(t, teacher, new Provenance(null, null, "trained", null, 0L, 1L, null, null, null), Map.of());
        }
    }

    private DistillRun.Request request(DistillMode mode, Path out, boolean resume) {
        DistillParams p = new DistillParams(mode, 2, 2, 2, 4, 3e-3, 2, 0.01, 1.0, new LossWeights(1, 1, 1, 0.5, 2),
                5, 3, 4, 9);
        return new DistillRun.Request(teacher, 0, 3, 16, DistillTrainerTest.markovTracks(), DATA, p, out, resume);
    }

    /** Runs until {@code stopAt} (then cancels, like Ctrl-C); returns the messages. */
    private List<String> run(DistillRun.Request request, long stopAt, long expectedLast) throws IOException {
        CancellationToken cancel = new CancellationToken();
        List<String> messages = new ArrayList<>();
        long last = DistillRun.run(request, cancel, new TrainingListener() {
            @Override
            public void onStep(Step step) {
                if (step.step() == stopAt) {
                    cancel.cancel();
                }
            }

            @Override
            public void onMessage(String message) {
                messages.add(message);
            }
        });
        assertEquals(expectedLast, last);
        return messages;
    }

    @Test
    void aRunStoppedInEachPhaseAndResumedEndsBitForBitWhereAnUninterruptedOneDoes() throws IOException {
        Path straight = dir.resolve("straight.fjb");
        List<String> messages = run(request(DistillMode.FULL, straight, false), -1, 8);
        assertTrue(messages.stream().anyMatch(m -> m.contains("row:          0<-3")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("phase 2/2: prediction-layer distillation")),
                messages.toString());

        Path resumed = dir.resolve("resumed.fjb");
        run(request(DistillMode.FULL, resumed, false), 3, 3); // stopped in phase 1
        assertEquals(3L, ModelBundle.read(DistillRun.checkpointPath(resumed), "prior").manifest().provenance().steps());
        // resumed, then stopped in phase 2 between checkpoints
        List<String> again = run(request(DistillMode.FULL, resumed, true), 5, 5);
        assertTrue(again.stream().anyMatch(m -> m.startsWith("resuming ")), again.toString());
        run(request(DistillMode.FULL, resumed, true), -1, 8);

        ModelBundle a = ModelBundle.read(straight, "prior");
        ModelBundle b = ModelBundle.read(resumed, "prior");
        assertEquals(a.tensors().keySet(), b.tensors().keySet());
        for (String name : a.tensors().keySet()) {
            assertArrayEquals(a.tensors().get(name).toFloatArray(), b.tensors().get(name).toFloatArray(), name);
        }
    }

    @Test
    void theStudentIsAPlainPriorBundleWhoseProvenanceNamesTeacherMappingDataAndLosses() throws IOException {
        Path out = dir.resolve("student.fjb");
        run(request(DistillMode.FULL, out, false), -1, 8);
        ModelBundle bundle = ModelBundle.read(out, "prior");
        assertTrue(bundle.tensors().keySet().stream().noneMatch(k -> k.startsWith("distill.") || k.startsWith("train.")),
                bundle.tensors().keySet().toString());
        assertTrue(ModelBundle.read(DistillRun.checkpointPath(out), "prior").tensors()
                .containsKey(HiddenProjection.LAYERS + ".w"));
        try (Prior student = PriorBundles.load(out)) {
            assertEquals(3, student.config().depth());
            assertEquals(16, student.config().width());
        }
        Provenance p = bundle.manifest().provenance();
        assertEquals("distilled", p.source());
        assertEquals(ModelBundle.sha256(teacher), p.parentSha256());
        assertEquals(8L, p.steps());
        assertEquals(9L, p.seed());
        JsonNode d = Json.mapper().valueToTree(p.details());
        assertEquals("full", d.at("/distill_params/mode").asText());
        assertEquals(2.0, d.at("/distill_params/losses/temperature").asDouble());
        assertEquals(5, d.at("/layer_mapping/2/teacher").asInt());
        assertEquals("previous-row", d.at("/layer_mapping/2/pattern").asText());
        assertEquals("markov.npz", d.at("/data/codes_file").asText());
        assertEquals(2, d.at("/schedule/stages").size());
        assertTrue(d.at("/last_step_metrics/soft_ce").isNumber() && d.at("/last_step_metrics/hard_ce").isNumber(), d.toString());
        assertTrue(d.at("/last_validation/kl_to_teacher_bits").isNumber(), d.toString());
        assertTrue(d.at("/initialised_from_teacher").isEmpty(), "a narrower student has no teacher-sized tensors to copy");
    }

    @Test
    void theAblationsRunEndToEnd() throws IOException {
        Path w = dir.resolve("w.fjb");
        run(request(DistillMode.INTERMEDIATE, w, false), -1, 8);
        JsonNode d = Json.mapper().valueToTree(ModelBundle.read(w, "prior").manifest().provenance().details());
        assertTrue(d.at("/last_step_metrics/attention_mse").isNumber(), d.toString());
        Path mle = dir.resolve("mle.fjb");
        run(request(DistillMode.MLE, mle, false), -1, 8);
        assertTrue(ModelBundle.read(DistillRun.checkpointPath(mle), "prior").tensors().keySet().stream()
                .noneMatch(k -> k.startsWith("distill.")), "the MLE baseline has no projection");
    }

    @Test
    void refusesToOverwriteOrResumeWithAnotherTeacherOrOtherData() throws IOException {
        Path out = dir.resolve("s.fjb");
        IOException e = assertThrows(IOException.class, () -> run(request(DistillMode.FULL, out, true), -1, 0));
        assertTrue(e.getMessage().contains("no distillation checkpoint to resume from"), e.getMessage());
        run(request(DistillMode.FULL, out, false), 2, 2);
        e = assertThrows(IOException.class, () -> run(request(DistillMode.FULL, out, false), -1, 0));
        assertTrue(e.getMessage().contains("use --resume"), e.getMessage());
        DistillRun.Request other = request(DistillMode.FULL, out, true);
        e = assertThrows(IOException.class, () -> DistillRun.run(new DistillRun.Request(other.teacher(), 0, 3, 16, other.codes(),
                Map.of("codes_file", "other.npz"), other.params(), out, true), new CancellationToken(),
                new TrainingListener() {}));
        assertTrue(e.getMessage().contains("the training codes differ"), e.getMessage());
        try (Prior t = Prior.initialise(DistillTrainerTest.TEACHER, 2)) {
            PriorBundles.save(t, teacher, new Provenance(null, null, "trained", null, 0L, 2L, null, null, null), Map.of());
        }
        e = assertThrows(IOException.class, () -> run(request(DistillMode.FULL, out, true), -1, 0));
        assertTrue(e.getMessage().contains("the teacher differs from the one the checkpoint"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> DistillRun.run(
                new DistillRun.Request(teacher, 0, 3, null, List.<int[][]>of(new int[][] {{1, 2, 99}}), DATA, other.params(),
                        dir.resolve("x.fjb"), false), new CancellationToken(), new TrainingListener() {}));
        assertEquals("the data's level-0 codes include 99, outside the teacher's vocabulary of 16", bad.getMessage());
    }
}
