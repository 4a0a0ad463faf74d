package io.fastjukebox.app.cli;

import io.fastjukebox.engine.generate.JobFolder;
import io.fastjukebox.engine.generate.JobRecord;
import io.fastjukebox.engine.generate.JobRunner;
import io.fastjukebox.engine.generate.JobStatus;
import io.fastjukebox.engine.generate.PerLevel;
import io.fastjukebox.engine.generate.ThrottledListener;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Runs a job folder from the command line with terminal progress; Ctrl-C cancels, keeping finished windows. */
final class GenerationRun {
    private GenerationRun() {}

    static int execute(Path dir, PrintWriter out) throws Exception {
        GenerationProgress progress = new GenerationProgress(out, GenerationProgress.isTerminal(), 5);
        JobRecord[] last = new JobRecord[1];
        SaveOnExit.run(cancel -> {
            last[0] = JobRunner.run(dir, cancel, new ThrottledListener(progress, 200));
            return 0;
        }, outcome -> report(dir, last[0], out));
        return 0;
    }

    private static void report(Path dir, JobRecord r, PrintWriter out) {
        if (r.status() != JobStatus.FINISHED) {
            out.println("stopped; finished windows are saved. Resume with: fastjukebox generate --resume " + dir);
            out.flush();
            return;
        }
        JobFolder f = new JobFolder(dir);
        r.timings().forEach((level, t) -> out.println(String.format(Locale.ROOT, "%-6s %d tokens in %.1f s (%.0f tokens/s)",
                level, t.tokens(), t.seconds(), t.tokensPerSecond())));
        for (int c = 1; c <= r.candidates(); c++) {
            for (int level = 0; level <= 2; level++) {
                Path wav = f.wavFile(c, level);
                if (Files.exists(wav)) {
                    out.println("candidate " + c + ": " + wav + (level == 0 ? "  (full quality)" : "  (" + PerLevel.name(level)
                            + " level)"));
                    break;
                }
            }
        }
        if (r.upsample().size() < r.candidates()) {
            out.println("pick a candidate to upsample: fastjukebox upsample " + dir + " --candidate N");
        }
        out.println("job record: " + f.jobFile());
        out.flush();
    }
}
