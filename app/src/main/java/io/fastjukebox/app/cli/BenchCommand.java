package io.fastjukebox.app.cli;

import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorBundles;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.PriorPresets;
import io.fastjukebox.engine.runtime.EngineRuntime;
import io.fastjukebox.engine.sampling.PriorBenchmark;
import io.fastjukebox.engine.distill.StudentFactory;
import io.fastjukebox.engine.distill.eval.SpeedComparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

        @Option(names = "--depths", split = ",", paramLabel = "D1,D2", description = "Compare students of these depths "
                + "(whole attention-pattern cycles) of the architecture, timed interleaved in this run: speedup over the "
                + "first and the distillation target 0.9 x layer ratio.")
        List<Integer> depths;

        @Option(names = "--repeats", defaultValue = "3", description = "With --depths: interleaved timed repeats, the "
                + "median counts (default: ${DEFAULT-VALUE}).")
        int repeats;

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
            if (depths != null) {
                PriorConfig base = preset != null ? PriorPresets.resolve(preset) : null;
                if (base == null) {
                    try (Prior p = PriorBundles.load(bundle)) {
                        base = p.config();
                    }
                }
                compareDepths(base);
                return 0;
            }
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

        /** Times random-weight priors of each depth of {@code base}'s architecture side by side. */
        private void compareDepths(PriorConfig base) {
            List<Prior> models = new ArrayList<>();
            try {
                for (int d : depths) {
                    models.add(Prior.initialise(d == base.depth() ? base : StudentFactory.config(base, d, null), 0));
                }
                List<SpeedComparison.Speed> speeds = SpeedComparison.run(models, tokens, batch, warmup, repeats);
                var out = spec.commandLine().getOut();
                var info = EngineRuntime.info();
                out.printf(Locale.ROOT, "prior %s: width %d, heads %d, n_ctx %d, blocks %d, attn_order %d; device %s, "
                        + "%d intra-op thread(s); %d tokens x batch %d, median of %d interleaved repeats%n",
                        bundle != null ? bundle : preset, base.width(), base.heads(), base.nCtx(), base.blocks(),
                        base.attnOrder().jukeboxId(), info.device(), info.intraOpThreads(), tokens, batch, repeats);
                out.println("| layers | parameters | ms per token step | tokens/s | speedup | layer ratio | target 0.9 x ratio |");
                out.println("|---:|---:|---:|---:|---:|---:|---:|");
                double first = speeds.get(0).tokensPerSecond();
                for (int i = 0; i < models.size(); i++) {
                    double tps = speeds.get(i).tokensPerSecond();
                    double ratio = depths.get(0) / (double) depths.get(i);
                    out.printf(Locale.ROOT, "| %d | %.2f M | %.3f | %.1f | %.2fx | %.2f | %s |%n", depths.get(i),
                            models.get(i).parameters().trainableCount() / 1e6, batch * 1e3 / tps, tps, tps / first, ratio,
                            i == 0 ? "-" : (tps / first >= 0.9 * ratio ? "met" : "missed") + String.format(Locale.ROOT,
                                    " (%.2fx)", 0.9 * ratio));
                }
            } finally {
                models.forEach(Prior::close);
            }
        }
    }
}
