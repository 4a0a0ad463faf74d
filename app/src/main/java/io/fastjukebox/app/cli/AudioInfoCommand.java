package io.fastjukebox.app.cli;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.AudioFileInfo;
import io.fastjukebox.engine.audio.AudioReader;
import io.fastjukebox.engine.audio.DecodedAudio;
import io.fastjukebox.engine.config.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fastjukebox audio info FILE...}: format, rate, channels, duration, peak and RMS. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print format, sample rate, channels, duration, peak and RMS of each FILE. "
                + "Files that cannot be read are reported on stderr and make the exit code 1.")
final class AudioInfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Audio files (WAV, FLAC, Ogg Vorbis, MP3).")
    List<Path> files;

    @Option(names = "--json", description = "Print a JSON array instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** What is printed for one file; levels are over all channels. */
    record Report(Path file, String format, int sampleRate, int channels, double durationSeconds, long frames,
            double peak, double peakDbfs, double rmsDbfs) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Report> reports = new ArrayList<>();
        int failures = 0;
        for (Path file : files) {
            try {
                reports.add(report(file, AudioReader.read(file)));
            } catch (IOException e) {
                err.println("fastjukebox: error: " + Main.describe(e));
                failures++;
            }
        }
        if (json) {
            out.println(Json.mapper().writeValueAsString(reports));
        } else {
            for (int i = 0; i < reports.size(); i++) {
                if (i > 0) {
                    out.println();
                }
                print(out, reports.get(i));
            }
        }
        out.flush();
        err.flush();
        return failures == 0 ? 0 : Main.FAILED;
    }

    static Report report(Path file, DecodedAudio audio) {
        AudioFileInfo info = audio.info();
        double peak = 0;
        double sumSquares = 0;
        long count = 0;
        for (float[] channel : audio.channels()) {
            AudioClip clip = new AudioClip(channel, info.sampleRate());
            peak = Math.max(peak, clip.peak());
            sumSquares += clip.rms() * clip.rms() * channel.length;
            count += channel.length;
        }
        double rms = Math.sqrt(sumSquares / count);
        return new Report(file, info.formatDescription(), info.sampleRate(), info.channels(), info.durationSeconds(),
                info.frames(), peak, AudioClip.toDbfs(peak), AudioClip.toDbfs(rms));
    }

    private static void print(PrintWriter out, Report r) {
        out.printf(Locale.ROOT, "file         %s%n", r.file());
        out.printf(Locale.ROOT, "format       %s%n", r.format());
        out.printf(Locale.ROOT, "sample rate  %d Hz%n", r.sampleRate());
        out.printf(Locale.ROOT, "channels     %d%n", r.channels());
        out.printf(Locale.ROOT, "duration     %.3f s (%d frames)%n", r.durationSeconds(), r.frames());
        out.printf(Locale.ROOT, "peak         %s (%.4f)%n", dbfs(r.peakDbfs()), r.peak());
        out.printf(Locale.ROOT, "rms          %s%n", dbfs(r.rmsDbfs()));
    }

    private static String dbfs(double db) {
        return Double.isInfinite(db) ? "-inf dBFS (silence)" : String.format(Locale.ROOT, "%.2f dBFS", db);
    }
}
