package io.fastjukebox.app.cli;

import io.fastjukebox.app.workspace.Workspace;
import io.fastjukebox.engine.generate.GenerationMode;
import io.fastjukebox.engine.generate.GenerationSettings;
import io.fastjukebox.engine.generate.JobCreator;
import io.fastjukebox.engine.generate.JobRequest;
import io.fastjukebox.engine.generate.ModelSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fastjukebox generate}: a new clip from a model set, or {@code --resume} of a stopped job. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate music: the top prior samples the clip window by window, then the upsamplers add detail "
                + "level by level; each finished level is decoded to WAV. Codes and job.json are saved after every window; "
                + "Ctrl-C stops and --resume continues exactly.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--models", paramLabel = "MODELSET.json",
            description = "The VQ-VAE and the prior of each level (default: the bundled assets/models/default.json).")
    Path models;

    @Option(names = "--seconds", defaultValue = "20", description = "Clip length (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--candidates", defaultValue = "1", description = "Top-level candidates sampled together (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--prime", paramLabel = "AUDIO", description = "Continue from the start of this audio file.")
    Path prime;

    @Option(names = "--prime-seconds", defaultValue = "8", description = "Seconds of --prime kept (default: ${DEFAULT-VALUE}).")
    double primeSeconds;

    @Option(names = "--out", paramLabel = "JOBDIR", description = "New job folder (default: the studio workspace's jobs/DATE-TIME-seedN, so History lists it).")
    Path out;

    @Option(names = "--resume", paramLabel = "JOBDIR", description = "Continue a stopped or interrupted job.")
    Path resume;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            if (models != null || out != null || prime != null) {
                throw new ParameterException(spec.commandLine(), "--resume takes only the job folder: its settings are in job.json");
            }
            engine.configure();
            return GenerationRun.execute(resume, spec.commandLine().getOut());
        }
        Workspace ws = Workspace.fromEnvironment();
        if (models == null) {
            models = ws.defaultModelSet().orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--models MODELSET.json is required (or --resume JOBDIR): there is no bundled default model set "
                            + ws.bundledModels().resolve("default.json")));
            spec.commandLine().getOut().println("models: " + models + " (the bundled default)");
        }
        boolean all = sampling.allLevels(spec);
        ModelSet set = ModelSet.read(models);
        GenerationSettings settings = sampling.settings(set.temperatureOrDefault());
        if (!sampling.temperatureGiven() && set.temperature() != null) {
            spec.commandLine().getOut().println("temperature " + set.temperature()
                    + " (top,middle,bottom: the model set's recommendation; --temperature to change)");
        }
        JobRequest request = new JobRequest(set, prime == null ? GenerationMode.SCRATCH : GenerationMode.PRIMED,
                seconds, candidates, settings, all, prime, prime == null ? 0 : primeSeconds, null, 0);
        Path dir = out != null ? out : ws.newJobFolder(settings.seed());
        engine.configure();
        try {
            JobCreator.create(request, dir, new GenerationProgress(spec.commandLine().getOut(), false, 0));
        } catch (IOException | RuntimeException e) {
            if (out == null) {
                Workspace.discardIfEmpty(dir); // the folder this command reserved
            }
            throw e;
        }
        spec.commandLine().getOut().println("job " + dir + " (seed " + settings.seed() + ")");
        return GenerationRun.execute(dir, spec.commandLine().getOut());
    }
}
