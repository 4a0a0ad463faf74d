package io.fastjukebox.engine.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.AudioReader;
import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.jobs.CancellationToken;
import io.fastjukebox.engine.testing.TinyModels;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationJobTest {
    private static final GenerationListener QUIET = new GenerationListener() { };
    @TempDir
    static Path models;
    private static ModelSet set;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeModels() throws IOException {
        set = ModelSet.read(TinyModels.write(models));
    }

    private static GenerationSettings settings(long seed) {
        return new GenerationSettings(seed, new PerLevel(0.98, 0.99, 0.99), 0, 0, new PerLevel(0.25, 0.5, 0.5), 16, 8);
    }

    private static int[][][] codesOf(Path job) throws IOException {
        JobFolder f = new JobFolder(job);
        JobRecord r = f.readRecord();
        int[][][] out = new int[r.candidates()][][];
        for (int c = 1; c <= r.candidates(); c++) {
            out[c - 1] = f.readCodes(r, c);
        }
        return out;
    }

    @Test
    void generatesEveryLevelWithACompleteJobFolder() throws IOException {
        Path job = dir.resolve("job");
        List<GenerationListener.Progress> events = new ArrayList<>();
        JobCreator.create(JobRequest.scratch(set, 1.0, 2, settings(7), true), job, QUIET);
        JobRecord done = JobRunner.run(job, new CancellationToken(), new GenerationListener() {
            @Override
            public void onProgress(Progress p) {
                events.add(p);
            }
        });
        assertEquals(JobStatus.FINISHED, done.status());
        assertEquals(7936, done.samples()); // 1 s at 8 kHz, down to a multiple of the top hop (128)
        int[][][] codes = codesOf(job);
        for (int c = 0; c < 2; c++) {
            assertEquals(62, codes[c][2].length);
            assertEquals(248, codes[c][1].length);
            assertEquals(992, codes[c][0].length);
            for (int level = 0; level < 3; level++) {
                AudioClip wav = AudioReader.readMono(new JobFolder(job).wavFile(c + 1, level));
                assertEquals(7936, wav.frames());
                assertEquals(8000, wav.sampleRate());
            }
        }
        assertFalse(Arrays.equals(codes[0][2], codes[1][2]), "candidates differ");
        // progress per level is monotonic and reaches 100 %
        for (int level = 2; level >= 0; level--) {
            int l = level;
            List<GenerationListener.Progress> at = events.stream().filter(p -> p.level() == l).toList();
            assertFalse(at.isEmpty());
            for (int i = 1; i < at.size(); i++) {
                assertTrue(at.get(i).levelTokensDone() >= at.get(i - 1).levelTokensDone());
            }
            assertEquals(1.0, at.get(at.size() - 1).fraction());
            assertTrue(at.get(at.size() - 1).tokensPerSecond() > 0);
        }
        assertTrue(events.get(0).etaSeconds() > 0);
        // job.json round-trips and records timings per level
        JobRecord read = new JobFolder(job).readRecord();
        assertEquals(done, read);
        assertEquals(Json.mapper().writeValueAsString(read),
                Json.mapper().writeValueAsString(Json.mapper().readValue(Json.mapper().writeValueAsString(read), JobRecord.class)));
        assertEquals(62 * 2, read.timings().get("top").tokens());
        assertEquals(992 * 2, read.timings().get("bottom").tokens());
        assertEquals(4, read.models().size());
        assertEquals(64, read.models().get(0).sha256().length());
    }

    @Test
    void cancelledAndResumedEqualsUninterrupted() throws IOException {
        Path straight = dir.resolve("straight");
        JobCreator.create(JobRequest.scratch(set, 0.5, 2, settings(3), true), straight, QUIET);
        JobRunner.run(straight, new CancellationToken(), QUIET);

        Path broken = dir.resolve("broken");
        JobCreator.create(JobRequest.scratch(set, 0.5, 2, settings(3), true), broken, QUIET);
        // cancel in the middle of windows at every level in turn, then resume
        int[] cancelAfter = {40, 150, 30};
        for (int stop : cancelAfter) {
            CancellationToken cancel = new CancellationToken();
            int[] seen = {0};
            JobRecord r = JobRunner.run(broken, cancel, new GenerationListener() {
                @Override
                public void onProgress(Progress p) {
                    if (++seen[0] == stop) {
                        cancel.cancel();
                    }
                }
            });
            if (r.status() == JobStatus.FINISHED) {
                break;
            }
            assertEquals(JobStatus.CANCELLED, r.status());
        }
        JobRecord last = JobRunner.run(broken, new CancellationToken(), QUIET);
        assertEquals(JobStatus.FINISHED, last.status());
        int[][][] a = codesOf(straight);
        int[][][] b = codesOf(broken);
        for (int c = 0; c < 2; c++) {
            for (int level = 0; level < 3; level++) {
                assertArrayEquals(a[c][level], b[c][level], "candidate " + (c + 1) + " level " + level);
            }
        }
    }

    @Test
    void primedJobKeepsThePrimeCodesBitForBit() throws IOException {
        float[] x = new float[8000 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * 330 * i / 8000.0));
        }
        Path prime = dir.resolve("prime.wav");
        WavWriter.write(prime, new AudioClip(x, 8000), WavWriter.Encoding.FLOAT_32);
        Path job = dir.resolve("primed");
        JobCreator.create(new JobRequest(set, GenerationMode.PRIMED, 1.0, 2, settings(5), true, prime, 0.5, null, 0), job, QUIET);
        JobRunner.run(job, new CancellationToken(), QUIET);
        int keep = 3968; // 0.5 s down to a multiple of 128
        int[][] expected;
        try (VqVae vq = VqVaeBundles.load(Path.of(set.vqvae()))) {
            expected = vq.encode(Arrays.copyOf(AudioReader.readMono(prime).samples(), keep));
        }
        for (int[][] cand : codesOf(job)) {
            for (int level = 0; level < 3; level++) {
                int n = keep / TinyModels.VQVAE.hopLength(level);
                assertArrayEquals(Arrays.copyOf(expected[level], n), Arrays.copyOf(cand[level], n), "level " + level);
            }
        }
        JobRecord r = new JobFolder(job).readRecord();
        assertEquals(keep, r.prime().samples());
        assertEquals(GenerationMode.PRIMED, r.mode());
    }

    @Test
    void topLevelCandidatesThenUpsampleOnlyTheChosenOne() throws IOException {
        Path job = dir.resolve("pick");
        JobCreator.create(JobRequest.scratch(set, 0.5, 3, settings(11), false), job, QUIET);
        JobRunner.run(job, new CancellationToken(), QUIET);
        JobFolder f = new JobFolder(job);
        for (int c = 1; c <= 3; c++) {
            assertTrue(Files.exists(f.wavFile(c, 2)));
            assertFalse(Files.exists(f.wavFile(c, 0)));
        }
        int[] topBefore = f.readCodes(f.readRecord(), 2)[2];
        f.chooseForUpsampling(List.of(2));
        JobRecord r = JobRunner.run(job, new CancellationToken(), QUIET);
        assertEquals(JobStatus.FINISHED, r.status());
        assertTrue(Files.exists(f.wavFile(2, 0)) && Files.exists(f.wavFile(2, 1)));
        assertFalse(Files.exists(f.wavFile(1, 0)) || Files.exists(f.wavFile(3, 0)));
        assertArrayEquals(topBefore, f.readCodes(r, 2)[2]);
        // upsampling one candidate alone gives the codes it gets when upsampled with the others
        Path all = dir.resolve("all");
        JobCreator.create(JobRequest.scratch(set, 0.5, 3, settings(11), true), all, QUIET);
        JobRunner.run(all, new CancellationToken(), QUIET);
        assertArrayEquals(codesOf(all)[1][0], f.readCodes(r, 2)[0]);
    }

    @Test
    void continueExtendsAFinishedJob() throws IOException {
        Path first = dir.resolve("first");
        JobCreator.create(JobRequest.scratch(set, 0.5, 1, settings(1), true), first, QUIET);
        JobRunner.run(first, new CancellationToken(), QUIET);
        Path next = dir.resolve("next");
        JobCreator.create(new JobRequest(null, GenerationMode.CONTINUE, 0.5, 1, settings(2), true, null, 0, first, 1), next,
                QUIET);
        JobRecord r = JobRunner.run(next, new CancellationToken(), QUIET);
        assertEquals(2 * 3968, r.samples());
        int[][] before = codesOf(first)[0];
        int[][] after = codesOf(next)[0];
        for (int level = 0; level < 3; level++) {
            assertEquals(2 * before[level].length, after[level].length);
            assertArrayEquals(before[level], Arrays.copyOf(after[level], before[level].length));
        }
        assertNotEquals(null, r.parent());
    }

    @Test
    void sameSeedSameCodesOtherSeedOtherCodes() throws IOException {
        int[][] runs = new int[3][];
        long[] seeds = {9, 9, 10};
        for (int i = 0; i < 3; i++) {
            Path job = dir.resolve("seed" + i);
            JobCreator.create(JobRequest.scratch(set, 0.5, 1, settings(seeds[i]), false), job, QUIET);
            JobRunner.run(job, new CancellationToken(), QUIET);
            runs[i] = codesOf(job)[0][2];
        }
        assertArrayEquals(runs[0], runs[1]);
        assertFalse(Arrays.equals(runs[0], runs[2]));
    }
}
