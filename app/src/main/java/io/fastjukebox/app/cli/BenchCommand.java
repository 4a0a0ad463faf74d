package io.fastjukebox.app.cli;

import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorBundles;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.PriorPresets;
import io.fastjukebox.engine.runtime.EngineRuntime;
import io.fastjukebox.engine.sampling.PriorBenchmark;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fastjukebox bench}: measured speed, for docs/BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "WHAT",
        description = "Measure speed on this machine.", subcommands = {BenchCommand.PriorBench.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to benchmark: prior");
    }

    /** {@code fastjukebox bench prior --preset bench-small --tokens 512 --batch 1}. */
    @Command(name = "prior", mixinStandardHelpOptions = true,
            description = "Cached autoregressive sampling speed of a prior (random weights for presets): ms per token, "
                    + "tokens per second and KV-cache bytes.")
    static final class PriorBench implements Callable<Integer> {
        @Option(names = "--preset", paramLabel = "NAME|CONFIG.json", description = "Architecture to time with random weights.")
        String preset;

        @Option(names = "--prior", paramLabel = "BUNDLE", description = "Or a trained prior bundle.")
        Path bundle;

        @Option(names = "--tokens", defaultValue = "512", description = "Tokens to sample per sequence (default: ${DEFAULT-VALUE}).")
        int tokens;

        @Option(names = "--batch", defaultValue = "1", description = "Sequences sampled together (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--warmup", defaultValue = "1024", description = "Untimed tokens first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Mixin
        EngineOptions engine;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if ((preset == null) == (bundle == null)) {
                throw new ParameterException(spec.commandLine(), "give exactly one of --preset or --prior");
            }
            if (tokens < 1 || batch < 1) {
                throw new IllegalArgumentException("--tokens " + tokens + " and --batch " + batch + " must be positive");
            }
            engine.configure();
            try (Prior prior = bundle != null ? PriorBundles.load(bundle) : Prior.initialise(PriorPresets.resolve(preset), 0)) {
                PriorConfig c = prior.config();
                PriorBenchmark.Result r = PriorBenchmark.run(prior, tokens, batch, warmup);
                var info = EngineRuntime.info();
                spec.commandLine().getOut().printf(Locale.ROOT,
                        "prior %s: width %d, depth %d, heads %d, n_ctx %d, blocks %d, %.1fM parameters%n"
                                + "device %s, %d intra-op thread(s)%n"
                                + "%d tokens x batch %d: %.3f ms per token step, %.1f tokens/s, KV cache %.2f MB%n",
                        bundle != null ? bundle : preset, c.width(), c.depth(), c.heads(), c.nCtx(), c.blocks(),
                        prior.parameters().trainableCount() / 1e6, info.device(), info.intraOpThreads(), r.tokens(),
                        r.batch(), r.secondsPerToken() * 1e3, r.tokensPerSecond(), r.cacheBytes() / 1e6);
            }
            return 0;
        }
    }
}
