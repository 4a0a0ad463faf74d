package io.fastjukebox.app.cli;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.vqvae.CodesFile;
import io.fastjukebox.engine.vqvae.VqVae;
import io.fastjukebox.engine.vqvae.VqVaeBundles;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fastjukebox decode CODES.npz --level N --vqvae BUNDLE --out OUT.wav}. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode the codes of one level back to audio with that level's decoder.")
final class DecodeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CODES.npz", description = "Codes file (from 'fastjukebox encode' or numpy.savez).")
    Path codes;

    @Option(names = "--level", required = true, description = "Level to decode (0 = finest).")
    int level;

    @Option(names = "--vqvae", required = true, paramLabel = "BUNDLE", description = "VQ-VAE bundle.")
    Path vqvae;

    @Option(names = "--out", required = true, paramLabel = "OUT.wav", description = "WAV file to write.")
    Path out;

    @Option(names = "--item", defaultValue = "0", description = "Which clip of the file (default: ${DEFAULT-VALUE}).")
    int item;

    @Option(names = "--float", description = "Write 32-bit float instead of 16-bit PCM.")
    boolean asFloat;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.check(out, ".wav", codes);
        CodesFile file = CodesFile.read(codes);
        engine.configure();
        try (VqVae model = VqVaeBundles.load(vqvae)) {
            file.checkFits(codes, model.config(), level);
            int[][] clips = file.levels()[level];
            if (item < 0 || item >= clips.length) {
                throw new IllegalArgumentException("--item " + item + ": the file holds " + clips.length + " clip(s)");
            }
            float[] audio = model.decode(clips[item], level);
            AudioClip clip = new AudioClip(audio, model.config().sampleRate());
            WavWriter.write(out, clip, asFloat ? WavWriter.Encoding.FLOAT_32 : WavWriter.Encoding.PCM_16);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%.2f s at %d Hz from %d level-%d codes)%n", out,
                    clip.durationSeconds(), clip.sampleRate(), clips[item].length, level);
        }
        return 0;
    }
}
