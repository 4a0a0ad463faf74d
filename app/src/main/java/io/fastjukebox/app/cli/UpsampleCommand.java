package io.fastjukebox.app.cli;

import io.fastjukebox.engine.generate.JobFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fastjukebox upsample JOBDIR --candidate N}: sample the lower levels of chosen top-level candidates. */
@Command(name = "upsample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sample the middle and bottom levels of the chosen top-level candidates of a job (made with "
                + "'generate --levels top'), in the same job folder.")
final class UpsampleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "JOBDIR", description = "The job folder.")
    Path job;

    @Option(names = "--candidate", required = true, split = ",", paramLabel = "N[,N...]", description = "Candidates to upsample (1-based).")
    List<Integer> candidates;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        new JobFolder(job).chooseForUpsampling(candidates);
        engine.configure();
        return GenerationRun.execute(job, spec.commandLine().getOut());
    }
}
