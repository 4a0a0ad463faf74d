package io.fastjukebox.app.cli;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.AudioReader;
import io.fastjukebox.engine.audio.DbScale;
import io.fastjukebox.engine.audio.MelParams;
import io.fastjukebox.engine.audio.MelSpectrogram;
import io.fastjukebox.engine.io.Npy;
import io.fastjukebox.engine.io.NpyArray;
import io.fastjukebox.engine.render.ColorMap;
import io.fastjukebox.engine.render.MelImageRenderer;
import io.fastjukebox.engine.render.MelImageStyle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fastjukebox audio mel FILE --png OUT.png}: a mel-spectrogram picture (and optionally the numbers). */
@Command(name = "mel", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw the mel spectrogram of FILE (mixed down to mono) as a PNG with a dB colour bar. "
                + "Settings follow librosa: centred STFT, periodic Hann window, Slaney mel scale and norm.")
final class AudioMelCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Audio file (WAV, FLAC, Ogg Vorbis, MP3).")
    Path file;

    @Option(names = "--png", paramLabel = "OUT.png", description = "Picture to write.")
    Path png;

    @Option(names = "--npy", paramLabel = "OUT.npy",
            description = "Also write the dB values as float32 [n_mels, frames] (NumPy .npy).")
    Path npy;

    @Option(names = "--sr", paramLabel = "HZ", description = "Resample to this rate first (default: the file's rate).")
    Integer sampleRate;

    @Option(names = "--n-fft", defaultValue = "2048", description = "FFT size and window length (default: ${DEFAULT-VALUE}).")
    int nFft;

    @Option(names = "--hop", defaultValue = "512", description = "Samples between frames (default: ${DEFAULT-VALUE}).")
    int hop;

    @Option(names = "--n-mels", defaultValue = "128", description = "Mel bands (default: ${DEFAULT-VALUE}).")
    int nMels;

    @Option(names = "--fmin", defaultValue = "0", description = "Lowest frequency in Hz (default: ${DEFAULT-VALUE}).")
    double fMin;

    @Option(names = "--fmax", description = "Highest frequency in Hz (default: half the sample rate).")
    Double fMax;

    @Option(names = "--top-db", defaultValue = "80",
            description = "Dynamic range shown below the loudest value, in dB (default: ${DEFAULT-VALUE}).")
    double topDb;

    @Option(names = "--colormap", defaultValue = "magma", description = "magma, viridis or greys (default: ${DEFAULT-VALUE}).")
    String colorMap;

    @Option(names = "--width", defaultValue = "1200", description = "Picture width in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "500", description = "Picture height in pixels (default: ${DEFAULT-VALUE}).")
    int height;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (png == null && npy == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --png OUT.png and/or --npy OUT.npy");
        }
        // Check every setting and output before the (possibly long) decode, so nothing is half done.
        MelImageStyle style = new MelImageStyle(width, height, ColorMap.parse(colorMap), "");
        if (png != null) {
            OutputPaths.check(png, ".png", file);
        }
        if (npy != null) {
            OutputPaths.check(npy, ".npy", file);
        }
        if (sampleRate != null && (sampleRate < 1000 || sampleRate > 384_000)) {
            throw new IllegalArgumentException("--sr " + sampleRate + " must be between 1000 and 384000 Hz");
        }
        if (!(topDb > 0)) {
            throw new IllegalArgumentException("--top-db " + topDb + " must be positive");
        }

        AudioClip clip = AudioReader.readMono(file);
        if (sampleRate != null) {
            clip = clip.resampledTo(sampleRate);
        }
        double nyquist = clip.sampleRate() / 2.0;
        MelParams params = new MelParams(clip.sampleRate(), nFft, hop, nMels, fMin, fMax == null ? nyquist : fMax);
        MelSpectrogram mel = MelSpectrogram.of(clip, params);
        double[][] db = mel.toDb(DbScale.relativeToMax(topDb)); // 0 dB = loudest bin, floor at -topDb

        PrintWriter out = spec.commandLine().getOut();
        if (png != null) {
            String title = String.format(Locale.ROOT, "%s  |  %d Hz, n_fft %d, hop %d, %d mels",
                    file.getFileName(), params.sampleRate(), nFft, hop, nMels);
            MelImageStyle titled = new MelImageStyle(style.width(), style.height(), style.colorMap(), title);
            BufferedImage img = MelImageRenderer.render(mel, db, -topDb, 0, titled);
            MelImageRenderer.writePng(img, png);
            out.printf(Locale.ROOT, "wrote %s (%dx%d px; %d frames x %d mels, %.2f s, 0 dB = loudest bin, floor -%.0f dB)%n",
                    png, width, height, mel.frames(), nMels, clip.durationSeconds(), topDb);
        }
        if (npy != null) {
            Npy.write(npy, NpyArray.ofFloats(flatten(db), nMels, mel.frames()));
            out.printf(Locale.ROOT, "wrote %s (float32 dB, shape [%d, %d])%n", npy, nMels, mel.frames());
        }
        return 0;
    }

    private static float[] flatten(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols; c++) {
                flat[r * cols + c] = (float) rows[r][c];
            }
        }
        return flat;
    }
}
