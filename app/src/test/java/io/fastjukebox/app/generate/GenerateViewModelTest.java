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
import java.nio.file.Files;
import java.nio.file.Path;
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
    void theDiceDrawsANewNonNegativeSeed() {
        GenerateViewModel vm = viewModel();
        String before = vm.seedProperty().get();

        vm.rollSeed();

        assertNotEquals(before, vm.seedProperty().get());
        assertTrue(Long.parseLong(vm.seedProperty().get()) >= 0);
    }
}
