package io.fastjukebox.app.cli;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.AudioReader;
import io.fastjukebox.engine.vqvae.CodesFile;
import io.fastjukebox.engine.vqvae.EncoderInput;
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

/** {@code fastjukebox encode AUDIO --vqvae BUNDLE --out CODES.npz}. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode an audio file (mixed to mono, resampled to the model rate, scaled to the loudness the VQ-VAE "
                + "was trained at) into VQ-VAE codes at every level, "
                + "written as NumPy .npz (level_0, level_1, ... of shape (1, T), plus sample_rate and hop_lengths).")
final class EncodeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "AUDIO", description = "Audio file (WAV, FLAC, Ogg Vorbis, MP3).")
    Path audio;

    @Option(names = "--vqvae", required = true, paramLabel = "BUNDLE", description = "VQ-VAE bundle.")
    Path vqvae;

    @Option(names = "--out", required = true, paramLabel = "CODES.npz", description = "Codes file to write.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.check(out, ".npz", audio);
        engine.configure();
        EncoderInput input = EncoderInput.of(vqvae);
        try (VqVae model = VqVaeBundles.load(vqvae)) {
            AudioClip clip = input.prepare(AudioReader.readMono(audio, model.config().sampleRate()));
            int[][] codes = model.encode(clip.samples());
            CodesFile.of(model.config(), codes).write(out);
            StringBuilder levels = new StringBuilder();
            for (int l = 0; l < codes.length; l++) {
                levels.append(String.format(Locale.ROOT, "%s level %d: %d codes", l == 0 ? "" : ",", l, codes[l].length));
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%.2f s at %d Hz, %s;%s)%n", out,
                    clip.durationSeconds(), clip.sampleRate(), input.describe("the file"), levels);
        }
        return 0;
    }
}
