package io.fastjukebox.app.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.bundle.ModelBundle;
import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.distill.eval.EvalParams;
import io.fastjukebox.engine.distill.eval.EvalReport;
import io.fastjukebox.engine.generate.GenerationMode;
import io.fastjukebox.engine.generate.GenerationSettings;
import io.fastjukebox.engine.generate.JobFolder;
import io.fastjukebox.engine.generate.JobRecord;
import io.fastjukebox.engine.generate.JobStatus;
import io.fastjukebox.engine.generate.ModelRef;
import io.fastjukebox.engine.generate.ModelSet;
import io.fastjukebox.engine.generate.PerLevel;
import io.fastjukebox.engine.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library on real (tiny) bundles: compatibility, provenance, speed and model sets; all synchronous. */
class ModelsViewModelTest {
    @TempDir
    Path root;

    private Workspace workspace;
    private ModelsViewModel viewModel;

    @BeforeEach
    void writeModels() throws Exception {
        workspace = new Workspace(root.resolve("ws"), root.resolve("bundled"));
        Files.createDirectories(workspace.models());
        TinyModels.write(Files.createDirectories(workspace.bundledModels().resolve("tiny")));
        String teacher = ModelBundle.sha256(workspace.bundledModels().resolve("tiny/top.fjb"));
        Provenance distilled = new Provenance("2026-01-01T00:00:00Z", "test", "distilled", null, 10L, 1L, teacher, null, null);
        TinyModels.save(TinyModels.top(16), 9, workspace.models().resolve("student-top.fjb"), distilled);
        viewModel = new ModelsViewModel(workspace, Runnable::run, Runnable::run);
    }

    @Test
    void compatiblePriorsAreOfferedPerLevelWithTheirFacts() throws Exception {
        viewModel.scan().get();

        assertEquals(5, viewModel.entries().size(), viewModel.statusProperty().get());
        assertEquals("vq.fjb", viewModel.vqvaeProperty().get().name(), "the only VQ-VAE is chosen");
        assertEquals(List.of("student-top.fjb", "top.fjb"), names(viewModel.priorOptions(2)));
        assertEquals(List.of("middle.fjb"), names(viewModel.priorOptions(1)));
        assertEquals(List.of("bottom.fjb"), names(viewModel.priorOptions(0)));
        ModelEntry student = viewModel.priorOptions(2).get(0);
        assertEquals("distilled from top.fjb", student.provenanceText());
        assertEquals(2, student.layers());
        assertEquals(16, student.width());
        assertTrue(student.parameters() > 1000, "parameters counted from the tensor shapes: " + student.parameters());
        assertEquals("top prior", student.kind());
        assertEquals("middle upsampler", viewModel.priorOptions(1).get(0).kind());
        assertEquals("not measured yet", student.speedText());
        assertTrue(viewModel.priorOptions(1).get(0).bundled());
        assertNotNull(viewModel.currentSetProperty().get());
    }

    @Test
    void speedIsMeasuredFromTheWorkspacesJobs() throws Exception {
        Path top = workspace.bundledModels().resolve("tiny/top.fjb");
        ModelRef ref = new ModelRef("top", top.toString(), ModelBundle.sha256(top), "trained", 2, 16, null);
        JobRecord r = new JobRecord(JobRecord.SCHEMA_VERSION, "t", "t", JobStatus.FINISHED, GenerationMode.SCRATCH, List.of(ref),
                GenerationSettings.defaults(1), 8000, List.of(8, 32, 128), 1280, 1, List.of(), null, null,
                Map.of("top", new JobRecord.LevelTiming(2.0, 500)), "test", "cpu()", null);
        new JobFolder(workspace.jobs().resolve("j1")).writeRecord(r);

        viewModel.scan().get();

        ModelEntry measured = viewModel.entries().stream().filter(e -> e.name().equals("top.fjb")).findFirst().orElseThrow();
        assertEquals("250 tokens/s in jobs", measured.speedText());
    }

    @Test
    void speedAndSpeedupComeFromEvaluationReportsTooTheNewestWins() throws Exception {
        Path top = workspace.bundledModels().resolve("tiny/top.fjb");
        Path student = workspace.models().resolve("student-top.fjb");
        EvalReport.ModelRow teacherRow = row(top, "teacher", 100, 1.0);
        writeReport(workspace.bundledModels().resolve("eval/top.json"), "2026-01-01T00:00:00Z",
                List.of(teacherRow, row(student, "student", 250, 2.5)));
        writeReport(workspace.reports().resolve("newer.json"), "2026-02-01T00:00:00Z",
                List.of(teacherRow, row(student, "student", 300, 3.0)));
        Files.writeString(workspace.reports().resolve("notes.json"), "{\"not\": \"a report\"}");
        Files.writeString(workspace.reports().resolve("broken.json"), "{");

        viewModel.scan().get();

        assertEquals("100 tokens/s in eval", entry("top.fjb").speedText(), "the teacher has no speedup to show");
        assertEquals("300 tokens/s in eval, 3.0× teacher", entry("student-top.fjb").speedText());
        assertEquals("not measured yet", entry("middle.fjb").speedText());
    }

    private ModelEntry entry(String name) {
        return viewModel.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    private static EvalReport.ModelRow row(Path bundle, String role, double tokensPerSecond, double speedup) throws Exception {
        return new EvalReport.ModelRow(bundle.getFileName().toString(), ModelBundle.sha256(bundle), role, "full", 2, 16, 1000,
                tokensPerSecond, speedup, speedup, 5.0, 0.1, 0.8, null, null);
    }

    private static void writeReport(Path json, String created, List<EvalReport.ModelRow> rows) throws Exception {
        Files.createDirectories(json.getParent());
        EvalReport report = new EvalReport(created, "test", "cpu()", 1, "heldout.npz", "0", 2, 16, 1024,
                EvalParams.defaults(), null, rows);
        Files.write(json, Json.mapper().writeValueAsBytes(report));
    }

    @Test
    void aSavedSetLoadsBackAndAMissingModelIsNamed() throws Exception {
        viewModel.scan().get();
        viewModel.priorProperty(2).set(viewModel.priorOptions(2).get(0)); // the student

        Path saved = viewModel.saveSet("student run").get();

        assertEquals(workspace.modelSets().resolve("student-run.json"), saved);
        ModelSet set = ModelSet.read(saved);
        assertEquals("student run", set.name());
        assertTrue(set.top().endsWith("student-top.fjb"), set.top());
        viewModel.priorProperty(2).set(viewModel.priorOptions(2).get(1));
        viewModel.loadSet(saved);
        assertEquals("student-top.fjb", viewModel.priorProperty(2).get().name());
        assertTrue(viewModel.savedSets().contains(saved));

        Files.delete(workspace.models().resolve("student-top.fjb"));
        viewModel.scan().get();
        viewModel.loadSet(saved);
        assertTrue(viewModel.errorProperty().get().contains("names models not in the library")
                && viewModel.errorProperty().get().contains("student-top.fjb"), viewModel.errorProperty().get());
    }

    @Test
    void aSetsTemperatureRecommendationStaysWhileItsVqVaeDoes() throws Exception {
        viewModel.scan().get();
        Path tiny = workspace.bundledModels().resolve("tiny");
        Path recommended = tiny.resolve("recommended.json");
        new ModelSet("tuned", "vq.fjb", "top.fjb", "middle.fjb", "bottom.fjb", new PerLevel(0.9, 0.3, 0.25)).write(recommended);

        viewModel.loadSet(recommended);
        assertEquals(new PerLevel(0.9, 0.3, 0.25), viewModel.currentSetProperty().get().temperature());

        viewModel.priorProperty(2).set(viewModel.priorOptions(2).get(0)); // the student: same family
        ModelSet changed = viewModel.currentSetProperty().get();
        assertNull(changed.name(), "a changed set loses its name");
        assertEquals(new PerLevel(0.9, 0.3, 0.25), changed.temperature(), "but keeps its family's temperatures");
        Path saved = viewModel.saveSet("student tuned").get();
        assertEquals(new PerLevel(0.9, 0.3, 0.25), ModelSet.read(saved).temperature());

        viewModel.loadSet(tiny.resolve("models.json")); // no recommendation
        assertNull(viewModel.currentSetProperty().get().temperature());
        assertEquals(new PerLevel(0.98, 0.99, 0.99), viewModel.currentSetProperty().get().temperatureOrDefault());
    }

    @Test
    void aBadNameOrAnEmptyLibraryIsExplained() throws Exception {
        ModelsViewModel empty = new ModelsViewModel(new Workspace(root.resolve("none"), root.resolve("nothing")),
                Runnable::run, Runnable::run);
        empty.scan().get();
        assertNull(empty.currentSetProperty().get());
        assertTrue(empty.missingModels().orElseThrow().startsWith("No models found: add .fjb bundles to"));
        empty.saveSet("../evil");
        assertEquals("Name the set with letters, digits, spaces, '.', '_' or '-' (at most 64)", empty.errorProperty().get());
    }

    private static List<String> names(List<ModelEntry> entries) {
        return entries.stream().map(ModelEntry::name).toList();
    }
}
