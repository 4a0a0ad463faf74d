package io.fastjukebox.app.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void propertyBeatsEnvironmentBeatsHomeAndBundledModelsAreFoundAboveTheJar() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path app = Files.createDirectories(dir.resolve("FastJukebox/lib/app"));
        Files.createDirectories(dir.resolve("FastJukebox/lib/app/assets/models"));
        Map<String, String> props = Map.of("user.home", home.toString());

        Workspace byDefault = Workspace.fromEnvironment(Map.of(), props::get, app);
        assertEquals(home.resolve("FastJukebox"), byDefault.root());
        assertEquals(app.resolve("assets/models"), byDefault.bundledModels());

        Workspace fromEnv = Workspace.fromEnvironment(Map.of(Workspace.WORKSPACE_ENV, dir.resolve("env").toString()),
                props::get, app.resolve("deeper/still"));
        assertEquals(dir.resolve("env"), fromEnv.root());
        assertEquals(app.resolve("assets/models"), fromEnv.bundledModels(), "found by walking up");

        Map<String, String> both = Map.of("user.home", home.toString(), Workspace.WORKSPACE_PROPERTY, dir.resolve("prop")
                .toString(), Workspace.BUNDLED_PROPERTY, dir.resolve("b").toString());
        Workspace fromProperty = Workspace.fromEnvironment(Map.of(Workspace.WORKSPACE_ENV, "ignored"), both::get, app);
        assertEquals(dir.resolve("prop"), fromProperty.root());
        assertEquals(dir.resolve("b"), fromProperty.bundledModels());
    }

    @Test
    void everyJobGetsANewFolder() throws Exception {
        Workspace w = new Workspace(dir.resolve("ws"), dir.resolve("bundled"));
        Path a = w.newJobFolder(5);
        Path b = w.newJobFolder(5);

        assertNotEquals(a, b);
        assertTrue(Files.isDirectory(a) && Files.isDirectory(b));
        assertTrue(a.getFileName().toString().endsWith("-seed5"), a.toString());
        assertTrue(b.getFileName().toString().matches(".*-seed5(-2)?"), b.toString());
        assertEquals(w.jobs(), a.getParent());
    }

    @Test
    void aReservedFolderIsDiscardedOnlyWhileEmpty() throws Exception {
        Workspace w = new Workspace(dir.resolve("ws"), dir.resolve("bundled"));
        Path empty = w.newJobFolder(1);
        Path used = w.newJobFolder(2);
        Files.writeString(used.resolve("job.json"), "{}");

        Workspace.discardIfEmpty(empty);
        Workspace.discardIfEmpty(used);
        Workspace.discardIfEmpty(dir.resolve("never-existed"));

        assertTrue(Files.notExists(empty));
        assertTrue(Files.isRegularFile(used.resolve("job.json")));
    }
}
