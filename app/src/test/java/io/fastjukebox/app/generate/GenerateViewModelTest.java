package io.fastjukebox.app.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.app.DemoClip;
import io.fastjukebox.app.jobs.JobQueue;
import io.fastjukebox.app.jobs.UiBridge;
import io.fastjukebox.app.models.ModelsViewModel;
import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.bundle.Provenance;
import io.fastjukebox.engine.generate.ModelSet;
import io.fastjukebox.engine.generate.PerLevel;
import io.fastjukebox.engine.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The form's ViewModel with synchronous threads and an empty workspace (no models). */
class GenerateViewModelTest {
    @TempDir
    Path dir;

    private GenerateViewModel viewModel() {
        Workspace w = new Workspace(dir.resolve("ws"), dir.resolve("bundled"));
        ModelsViewModel models = new ModelsViewModel(w, Runnable::run, Runnable::run);
        JobQueue queue = new JobQueue(Executors.newSingleThreadExecutor(), new UiBridge(Runnable::run));
        return new GenerateViewModel(models, queue, w, Runnable::run, Runnable::run);
    }

    @Test
    void thePromptTrimIsClampedToTheFileAndCheckedAgainstIt() throws Exception {
        GenerateViewModel vm = viewModel();
        vm.primeFileProperty().set(DemoClip.copyTo(dir).toString());
        vm.loadPrime();

        vm.setPrimeSeconds(30);
        assertEquals("12.00", vm.primeSecondsProperty().get(), "the marker stops at the end of the 12 s file");
        vm.setPrimeSeconds(4.567);
        assertEquals("4.57", vm.primeSecondsProperty().get());
        assertEquals(12.0, vm.primeAxis().duration(), 1e-9);

        vm.primeSecondsProperty().set("13");
        vm.secondsProperty().set("20");
        assertTrue(vm.start().isEmpty());
        assertEquals("The audio file is only 12.00 s long", vm.errorProperty(FormField.PRIME_SECONDS).get());
    }

    @Test
    void withoutModelsNothingStartsAndTheReasonIsShown() {
        GenerateViewModel vm = viewModel();

        assertTrue(vm.start().isEmpty());

        assertTrue(vm.generalErrorProperty().get().startsWith("No models found: add .fjb bundles to"),
                vm.generalErrorProperty().get());
        assertFalse(Files.exists(dir.resolve("ws/jobs")), "no job folder before the input is valid");
    }

    @Test
    void theTemperatureFieldsFollowTheModelSetsRecommendationAndKeepEditsWithinAFamily() throws Exception {
        Workspace w = new Workspace(dir.resolve("ws"), dir.resolve("bundled"));
        Path tiny = Files.createDirectories(w.bundledModels().resolve("tiny"));
        Path plain = TinyModels.write(tiny);
        TinyModels.save(TinyModels.top(16), 9, tiny.resolve("top-b.fjb"),
                new Provenance("2026-01-01T00:00:00Z", "test", "trained", null, 0L, 0L, null, null, null));
        Path tuned = tiny.resolve("tuned.json");
        new ModelSet("tuned", "vq.fjb", "top.fjb", "middle.fjb", "bottom.fjb", new PerLevel(0.9, 0.3, 0.25)).write(tuned);
        ModelsViewModel models = new ModelsViewModel(w, Runnable::run, Runnable::run);
        models.scan().get();
        GenerateViewModel vm = new GenerateViewModel(models, new JobQueue(Executors.newSingleThreadExecutor(),
                new UiBridge(Runnable::run)), w, Runnable::run, Runnable::run);
        assertEquals(List.of("0.98", "0.99", "0.99"), temperatures(vm), "no recommendation: Jukebox's");

        models.loadSet(tuned);
        assertEquals(List.of("0.9", "0.3", "0.25"), temperatures(vm));
        assertTrue(vm.modelsSummaryProperty().get().endsWith("recommended temperature 0.9,0.3,0.25"),
                vm.modelsSummaryProperty().get());

        vm.temperatureProperty(1).set("0.5"); // the user's edit
        models.priorProperty(2).set(models.priorOptions(2).stream().filter(e -> e.name().equals("top-b.fjb")).findFirst()
                .orElseThrow()); // another top prior of the same family
        assertEquals(List.of("0.9", "0.5", "0.25"), temperatures(vm), "the edit stays");

        models.loadSet(plain);
        assertEquals(List.of("0.98", "0.99", "0.99"), temperatures(vm));
    }

    private static List<String> temperatures(GenerateViewModel vm) {
        return List.of(vm.temperatureProperty(2).get(), vm.temperatureProperty(1).get(), vm.temperatureProperty(0).get());
    }

    @Test
    void theDiceDrawsANewNonNegativeSeed() {
        GenerateViewModel vm = viewModel();
        String before = vm.seedProperty().get();

        vm.rollSeed();

        assertNotEquals(before, vm.seedProperty().get());
        assertTrue(Long.parseLong(vm.seedProperty().get()) >= 0);
    }
}
