package io.fastjukebox.app.cli;

import io.fastjukebox.engine.vqvae.VqVaeBundles;
import io.fastjukebox.engine.vqvae.VqVaePresets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fastjukebox import}: convert PyTorch checkpoints into model bundles. */
@Command(name = "import", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "KIND",
        description = "Convert an official-layout PyTorch checkpoint (zip or legacy torch.save, or safetensors; fp32, fp16 "
                + "or bf16) into a model bundle. Nothing in the file is executed: only plain tensors are read.",
        subcommands = {ImportCommand.Vqvae.class})
final class ImportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to import: vqvae");
    }

    /** {@code fastjukebox import vqvae CHECKPOINT --preset jukebox --out BUNDLE}. */
    @Command(name = "vqvae", mixinStandardHelpOptions = true,
            description = "Import a VQ-VAE checkpoint (e.g. Jukebox's 5b/vqvae.pth.tar with --preset jukebox), reporting "
                    + "missing, unexpected and mis-shaped keys.")
    static final class Vqvae implements Callable<Integer> {
        @Parameters(paramLabel = "CHECKPOINT", description = "PyTorch checkpoint or safetensors file.")
        Path checkpoint;

        @Option(names = "--preset", defaultValue = "jukebox", description = "Architecture: jukebox, small, or a JSON config (default: ${DEFAULT-VALUE}).")
        String preset;

        @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Bundle to write (e.g. vqvae.fjb).")
        Path out;

        @Mixin
        EngineOptions engine;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            OutputPaths.check(out, ".fjb", checkpoint);
            var config = VqVaePresets.resolve(preset);
            engine.configure();
            io.fastjukebox.engine.bundle.KeyReport report = VqVaeBundles.importCheckpoint(checkpoint, config, out);
            spec.commandLine().getOut().println("imported " + checkpoint + ": " + report.describe());
            spec.commandLine().getOut().println("wrote " + out);
            return 0;
        }
    }
}
