package io.fastjukebox.app.cli;

import io.fastjukebox.engine.distill.eval.EvalParams;
import io.fastjukebox.engine.distill.eval.EvalReport;
import io.fastjukebox.engine.distill.eval.Evaluation;
import io.fastjukebox.engine.jobs.CancellationToken;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fastjukebox eval}: a teacher and its students side by side, as Markdown and JSON. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a teacher prior and its students: parameters, layers, cached sampling speed and speedup "
                + "(all models timed in this run, interleaved), held-out NLL (bits per token), KL(teacher || student) and "
                + "top-1 agreement on held-out windows, and with --vqvae and --audio the Fréchet distance between log-mel "
                + "statistics of fixed-seed generated audio and the real audio. Writes REPORT.md and REPORT.json.")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--teacher", required = true, paramLabel = "BUNDLE", description = "The teacher prior.")
    Path teacher;

    @Option(names = "--students", required = true, split = ",", paramLabel = "S1,S2", description = "Student priors.")
    List<Path> students;

    @Option(names = "--codes", required = true, paramLabel = "HELDOUT.npz", description = "Held-out codes (from encode).")
    Path codes;

    @Option(names = "--vqvae", paramLabel = "BUNDLE", description = "VQ-VAE to decode generated codes (with --audio).")
    Path vqvae;

    @Option(names = "--audio", paramLabel = "DIR", description = "Held-out real audio for the mel-statistics distance.")
    Path audio;

    @Option(names = "--out", required = true, paramLabel = "REPORT.md",
            description = "Markdown report; the JSON goes next to it.")
    Path out;

    @Option(names = "--windows", defaultValue = "16", description = "Held-out windows scored (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--tokens", defaultValue = "256", description = "Tokens per timed sampling run (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--batch", defaultValue = "1",
            description = "Sequences sampled together when timing (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--warmup", defaultValue = "256", description = "Untimed tokens per model first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeats", defaultValue = "3",
            description = "Interleaved timed repeats; the median counts (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--clips", defaultValue = "4",
            description = "Generated windows per model for the mel distance (default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--seed", defaultValue = "0",
            description = "Sampling seed of the generated windows (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EvalParams params = new EvalParams(windows, tokens, batch, warmup, repeats, clips, seed);
        Evaluation.Request request = new Evaluation.Request(teacher, students, codes, vqvae, audio, params);
        OutputPaths.check(out, ".md", codes);
        engine.configure();
        var printer = spec.commandLine().getOut();
        EvalReport report = Evaluation.run(request, new CancellationToken(), line -> {
            printer.println(line);
            printer.flush();
        });
        report.write(out);
        printer.println();
        printer.print(report.markdown());
        printer.println("wrote " + out + " and " + EvalReport.jsonPath(out));
        return 0;
    }
}
