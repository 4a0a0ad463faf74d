package io.fastjukebox.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fastjukebox audio}: inspect audio files. */
@Command(name = "audio", mixinStandardHelpOptions = true,
        description = "Inspect audio files (WAV, FLAC, Ogg Vorbis, MP3).",
        subcommands = {AudioInfoCommand.class, AudioMelCommand.class},
        synopsisSubcommandLabel = "COMMAND")
final class AudioCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "an audio command is required (info, mel)");
    }
}
