package io.fastjukebox.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.generate.JobFolder;
import io.fastjukebox.engine.generate.JobRecord;
import io.fastjukebox.engine.generate.JobStatus;
import io.fastjukebox.engine.generate.ModelSet;
import io.fastjukebox.engine.generate.PerLevel;
import io.fastjukebox.engine.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate, upsample, continue and --resume through the command line, on random-weight tiny models. */
class GenerateCliTest {
    @TempDir
    static Path models;
    private static Path set;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeModels() throws IOException {
        set = TinyModels.write(models);
    }

    @Test
    void topCandidatesThenUpsampleThenContinue() throws IOException {
        Path job = dir.resolve("job");
        CliTest.Result r = CliTest.run("generate", "--models", set.toString(), "--seconds", "0.5", "--candidates", "2",
                "--levels", "top", "--seed", "7", "--temperature", "0.9,0.99,0.99", "--out", job.toString(), "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("job " + job + " (seed 7)"), r.out());
        assertTrue(r.out().contains("top    [########################] 100%"), r.out());
        assertTrue(r.out().contains("pick a candidate to upsample: fastjukebox upsample " + job + " --candidate N"), r.out());
        JobFolder f = new JobFolder(job);
        assertTrue(Files.exists(f.wavFile(2, 2)));
        assertEquals(0.9, f.readRecord().settings().temperature().top());

        r = CliTest.run("upsample", job.toString(), "--candidate", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("candidate 2: " + f.wavFile(2, 0) + "  (full quality)"), r.out());
        assertTrue(r.out().contains("bottom") && r.out().contains("tokens/s"), r.out());
        assertFalse(Files.exists(f.wavFile(1, 0)));

        Path next = dir.resolve("next");
        r = CliTest.run("continue", job.toString(), "--candidate", "2", "--seconds", "0.25", "--seed", "3", "--out", next.toString());
        assertEquals(0, r.exit(), r.err());
        JobRecord c = new JobFolder(next).readRecord();
        assertEquals(JobStatus.FINISHED, c.status());
        assertEquals(3968 + 1920, c.samples());
        assertEquals(2, c.parent().candidate());
        assertEquals(new PerLevel(0.9, 0.99, 0.99), c.settings().temperature(), "a continuation keeps the job's temperatures");
    }

    @Test
    void aModelSetsTemperatureRecommendationIsTheDefault() throws IOException {
        Path tuned = models.resolve("tuned.json");
        new ModelSet("tuned", "vq.fjb", "top.fjb", "middle.fjb", "bottom.fjb", new PerLevel(0.9, 0.3, 0.25)).write(tuned);
        Path job = dir.resolve("job");

        CliTest.Result r = CliTest.run("generate", "--models", tuned.toString(), "--seconds", "0.3", "--seed", "1",
                "--out", job.toString());

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("temperature 0.9,0.3,0.25 (top,middle,bottom: the model set's recommendation"), r.out());
        assertEquals(new PerLevel(0.9, 0.3, 0.25), new JobFolder(job).readRecord().settings().temperature());

        Path own = dir.resolve("own");
        r = CliTest.run("generate", "--models", tuned.toString(), "--seconds", "0.3", "--seed", "1", "--temperature", "0.7",
                "--out", own.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("recommendation"), r.out());
        assertEquals(PerLevel.all(0.7), new JobFolder(own).readRecord().settings().temperature());

        Path plain = dir.resolve("plain");
        assertEquals(0, CliTest.run("generate", "--models", set.toString(), "--seconds", "0.3", "--out", plain.toString()).exit());
        assertEquals(new PerLevel(0.98, 0.99, 0.99), new JobFolder(plain).readRecord().settings().temperature(),
                "a set without a recommendation samples at Jukebox's temperatures");

        Files.writeString(tuned, Files.readString(tuned).replace("0.25", "-1"));
        r = CliTest.run("generate", "--models", tuned.toString(), "--seconds", "0.3", "--out", dir.resolve("bad").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("tuned.json: not a valid model set") && r.err().contains("bottom temperature -1.0"), r.err());
    }

    @Test
    void resumeOfAFinishedJobIsANoOpAndBadInputIsNamed() throws IOException {
        Path job = dir.resolve("job");
        assertEquals(0, CliTest.run("generate", "--models", set.toString(), "--seconds", "0.3", "--out", job.toString()).exit());
        byte[] codes = Files.readAllBytes(new JobFolder(job).codesFile(1));
        CliTest.Result r = CliTest.run("generate", "--resume", job.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(java.util.Arrays.equals(codes, Files.readAllBytes(new JobFolder(job).codesFile(1))));

        r = CliTest.run("generate", "--models", set.toString(), "--seconds", "0.3", "--out", job.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("already exists and is not empty (it is a job: use --resume"), r.err());
        r = CliTest.run("generate", "--models", set.toString(), "--seconds", "-1", "--out", dir.resolve("x").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("duration -1.0 s must be positive"), r.err());
        r = CliTest.run("generate", "--models", dir.resolve("none.json").toString(), "--out", dir.resolve("x").toString());
        assertTrue(r.err().contains("none.json: no such model set file"), r.err());
        r = CliTest.run("generate", "--models", set.toString(), "--seconds", "1", "--prime", dir.resolve("gone.wav").toString(),
                "--prime-seconds", "0.5", "--out", dir.resolve("x").toString());
        assertTrue(r.err().contains("gone.wav: prime audio file not found"), r.err());
        r = CliTest.run("generate", "--models", set.toString(), "--temperature", "0.9,x,1", "--out", dir.resolve("x").toString());
        assertTrue(r.err().contains("--temperature '0.9,x,1': 'x' is not a number"), r.err());
        r = CliTest.run("upsample", job.toString(), "--candidate", "5");
        assertTrue(r.err().contains("candidate 5 does not exist"), r.err());
        System.setProperty(Workspace.BUNDLED_PROPERTY, dir.toString()); // no default.json there
        try {
            r = CliTest.run("generate");
        } finally {
            System.clearProperty(Workspace.BUNDLED_PROPERTY);
        }
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--models MODELSET.json is required (or --resume JOBDIR): there is no bundled default "
                + "model set " + dir.resolve("default.json")), r.err());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void withoutOptionsTheBundledSetGeneratesIntoTheStudioWorkspace() throws IOException {
        Files.copy(set, models.resolve("default.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path workspace = dir.resolve("ws");
        System.setProperty(Workspace.BUNDLED_PROPERTY, models.toString());
        System.setProperty(Workspace.WORKSPACE_PROPERTY, workspace.toString());
        CliTest.Result bad;
        CliTest.Result r;
        try {
            bad = CliTest.run("generate", "--seconds", "-1");
            r = CliTest.run("generate", "--seconds", "0.3", "--seed", "4");
        } finally {
            System.clearProperty(Workspace.BUNDLED_PROPERTY);
            System.clearProperty(Workspace.WORKSPACE_PROPERTY);
        }
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("duration -1.0 s must be positive"), bad.err());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("models: " + models.resolve("default.json") + " (the bundled default)"), r.out());
        try (var jobs = Files.list(workspace.resolve("jobs"))) {
            Path job = jobs.toList().stream().reduce((a, b) -> {
                throw new AssertionError("one job folder expected (bad input leaves none): " + a + ", " + b);
            }).orElseThrow();
            assertTrue(job.getFileName().toString().endsWith("-seed4"), job.toString());
            assertEquals(JobStatus.FINISHED, new JobFolder(job).readRecord().status());
            assertTrue(Files.size(job.resolve("candidate-1/bottom.wav")) > 44);
        }
    }

    @Test
    void aKilledProcessResumesToTheUninterruptedResult() throws Exception {
        Path straight = dir.resolve("straight");
        assertEquals(0, CliTest.run("generate", "--models", set.toString(), "--seconds", "3", "--seed", "5", "--out",
                straight.toString()).exit());

        Path killed = dir.resolve("killed");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "generate",
                "--models", set.toString(), "--seconds", "3", "--seed", "5", "--out", killed.toString(), "--threads", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        JobFolder f = new JobFolder(killed);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (p.isAlive() && System.nanoTime() < deadline) { // kill -9 once the bottom level is under way
            if (f.exists() && f.readRecord().timings().containsKey("bottom")) {
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the job finished before it could be killed: " + Files.readString(dir.resolve("killed.log")));
        p.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        assertEquals(JobStatus.RUNNING, f.readRecord().status());

        CliTest.Result r = CliTest.run("generate", "--resume", killed.toString());
        assertEquals(0, r.exit(), r.err());
        for (String name : new String[] {"codes.npz", "bottom.wav"}) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(straight.resolve("candidate-1").resolve(name)),
                    Files.readAllBytes(killed.resolve("candidate-1").resolve(name))), name);
        }
    }
}
