package io.fastjukebox.app.cli;

import io.fastjukebox.engine.runtime.EngineVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/** The top-level {@code fastjukebox} command; only subcommands that work are registered. */
@Command(
        name = "fastjukebox",
        mixinStandardHelpOptions = true,
        versionProvider = FastJukeboxCommand.Version.class,
        description = "Hierarchical raw-audio music generation with fast, distilled Jukebox-style priors.",
        subcommands = {InfoCommand.class, AudioCommand.class, TrainVqVaeCommand.class, EncodeCommand.class,
            DecodeCommand.class, ImportCommand.class, TrainPriorCommand.class, ScoreCommand.class, BenchCommand.class,
            GenerateCommand.class, UpsampleCommand.class, ContinueCommand.class, StudioCommand.class, DistillCommand.class,
            EvalCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class FastJukeboxCommand implements Runnable {

    @Option(names = {"-v", "--verbose"}, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors, and library log messages.")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Reports the project version. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fastjukebox " + EngineVersion.get()};
        }
    }
}
