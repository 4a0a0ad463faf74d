package io.fastjukebox.app.cli;

import io.fastjukebox.engine.generate.GenerationMode;
import io.fastjukebox.engine.generate.GenerationSettings;
import io.fastjukebox.engine.generate.JobCreator;
import io.fastjukebox.engine.generate.JobFolder;
import io.fastjukebox.engine.generate.JobRequest;
import io.fastjukebox.engine.generate.ModelSet;
import io.fastjukebox.engine.generate.PerLevel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fastjukebox continue JOBDIR --seconds S}: a new job that extends a candidate of an earlier one. */
@Command(name = "continue", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Extend a candidate of a job by more seconds, in a new job folder (the earlier job is not changed). "
                + "Every level the earlier job has continues from its codes.")
final class ContinueCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "JOBDIR", description = "The job to extend.")
    Path job;

    @Option(names = "--seconds", required = true, description = "Seconds to add.")
    double seconds;

    @Option(names = "--candidate", defaultValue = "1", description = "Which candidate of JOBDIR (default: ${DEFAULT-VALUE}).")
    int candidate;

    @Option(names = "--candidates", defaultValue = "1", description = "Continuations sampled together (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--models", paramLabel = "MODELSET.json", description = "Other models (default: those of JOBDIR).")
    Path models;

    @Option(names = "--out", paramLabel = "NEWJOB", description = "The new job folder (default: JOBDIR-continued-N).")
    Path out;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelSet set = models == null ? null : ModelSet.read(models);
        // like the clip it extends, unless other models (with their own recommendation) or --temperature are given
        PerLevel temperature = set != null ? set.temperatureOrDefault()
                : new JobFolder(job).readRecord().settings().temperature();
        GenerationSettings settings = sampling.settings(temperature);
        JobRequest request = new JobRequest(set, GenerationMode.CONTINUE, seconds,
                candidates, settings, sampling.allLevels(spec), null, 0, job, candidate);
        Path dir = out != null ? out : freeName(job);
        engine.configure();
        JobCreator.create(request, dir, new GenerationProgress(spec.commandLine().getOut(), false, 0));
        spec.commandLine().getOut().println("job " + dir + " continues " + job + " candidate " + candidate + " (seed "
                + settings.seed() + ")");
        return GenerationRun.execute(dir, spec.commandLine().getOut());
    }

    private static Path freeName(Path job) {
        Path abs = job.toAbsolutePath().normalize();
        for (int i = 1; ; i++) {
            Path p = abs.resolveSibling(abs.getFileName() + "-continued-" + i);
            if (!java.nio.file.Files.exists(p)) {
                return p;
            }
        }
    }
}
