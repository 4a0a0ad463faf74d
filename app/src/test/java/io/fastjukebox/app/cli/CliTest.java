package io.fastjukebox.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.WavWriter;
import io.fastjukebox.engine.io.Npy;
import io.fastjukebox.engine.io.NpyArray;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the fastjukebox command line in-process and checks its output, files and exit codes. */
class CliTest {
    @TempDir
    Path dir;

    /** The outcome of one command line. */
    record Result(int exit, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private Path sineWav(String name, int rate, double amplitude) throws IOException {
        float[] x = new float[rate];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * 440 * i / rate));
        }
        Path f = dir.resolve(name);
        WavWriter.write(f, new AudioClip(x, rate), WavWriter.Encoding.PCM_16);
        return f;
    }

    private Path demoClip() throws IOException {
        Path f = dir.resolve("demo.ogg");
        try (InputStream in = getClass().getResourceAsStream("/io/fastjukebox/assets/demo/wesnoth-excerpt.ogg")) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void audioInfoReportsFormatRateChannelsDurationPeakAndRms() throws IOException {
        Path wav = sineWav("sine.wav", 22050, 0.5);
        Result r = run("audio", "info", wav.toString(), demoClip().toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("format       WAV, PCM 16-bit"), r.out());
        assertTrue(r.out().contains("sample rate  22050 Hz"), r.out());
        assertTrue(r.out().contains("duration     1.000 s (22050 frames)"), r.out());
        assertTrue(r.out().contains("peak         -6.02 dBFS (0.5000)"), r.out());
        assertTrue(r.out().contains("rms          -9.03 dBFS"), r.out());
        assertTrue(r.out().contains("format       Ogg Vorbis (lossy; decoded to float)"), r.out());
        assertTrue(r.out().contains("duration     12.000 s (264600 frames)"), r.out());
    }

    @Test
    void audioInfoJsonIsMachineReadable() throws IOException {
        Result r = run("audio", "info", "--json", sineWav("s.wav", 8000, 0.25).toString());
        assertEquals(0, r.exit(), r.err());
        var node = io.fastjukebox.engine.config.Json.mapper().readTree(r.out());
        assertEquals(8000, node.get(0).get("sampleRate").asInt());
        assertEquals(0.25, node.get(0).get("peak").asDouble(), 1e-4);
        assertTrue(node.get(0).get("file").asText().endsWith("s.wav"));
    }

    @Test
    void unreadableFilesGiveOneLineErrorsAndExitCodeOneButOthersAreStillReported() throws IOException {
        Path bad = Files.writeString(dir.resolve("notes.wav"), "not audio at all");
        Path good = sineWav("good.wav", 8000, 0.5);
        Result r = run("audio", "info", bad.toString(), good.toString(), dir.resolve("missing.mp3").toString());
        assertEquals(1, r.exit());
        String[] lines = r.err().strip().split("\n");
        assertEquals(2, lines.length, r.err());
        assertTrue(lines[0].startsWith("fastjukebox: error: " + bad + ": not a supported audio file"), lines[0]);
        assertTrue(lines[1].equals("fastjukebox: error: " + dir.resolve("missing.mp3") + ": no such file"), lines[1]);
        assertTrue(r.out().contains("good.wav"));
    }

    @Test
    void melWritesAPngWithTheRequestedSizeAndTheNumbersAsNpy() throws IOException {
        Path png = dir.resolve("mel.png");
        Path npy = dir.resolve("mel.npy");
        Result r = run("audio", "mel", demoClip().toString(), "--png", png.toString(), "--npy", npy.toString(),
                "--width", "900", "--height", "400", "--n-mels", "80");
        assertEquals(0, r.exit(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(900, img.getWidth());
        assertEquals(400, img.getHeight());
        NpyArray db = Npy.read(npy);
        assertEquals(80, db.shape()[0]);
        assertEquals(1 + 264600 / 512, db.shape()[1]);
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (float v : db.toFloatArray()) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertEquals(0f, max, 1e-6);
        assertTrue(min >= -80f - 1e-4);
        assertTrue(r.out().contains("wrote " + png), r.out());
    }

    @Test
    void badMelSettingsAreRejectedBeforeDecodingAndLeaveNoFile() throws IOException {
        Path wav = sineWav("a.wav", 8000, 0.5);
        Path png = dir.resolve("out.png");
        Result r = run("audio", "mel", wav.toString(), "--png", png.toString(), "--n-mels", "0");
        assertEquals(1, r.exit());
        assertEquals("fastjukebox: error: n_mels 0 must be between 1 and 1024\n", r.err());

        r = run("audio", "mel", wav.toString(), "--png", png.toString(), "--fmax", "6000");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("fmax 6000.0 Hz is above the Nyquist frequency 4000.0 Hz"), r.err());

        r = run("audio", "mel", wav.toString(), "--png", dir.resolve("no/such/dir/x.png").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("does not exist"), r.err());

        r = run("audio", "mel", wav.toString(), "--png", wav.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("must end with .png"), r.err());

        Path text = Files.writeString(dir.resolve("t.mp3"), "hello");
        r = run("audio", "mel", text.toString(), "--png", png.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("fastjukebox: error: " + text + ": "), r.err());

        assertFalse(Files.exists(png));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().contains(".tmp")).count());
        }
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path bad = Files.writeString(dir.resolve("x.flac"), "nope");
        Result quiet = run("audio", "mel", bad.toString(), "--png", dir.resolve("a.png").toString());
        Result loud = run("audio", "mel", "--verbose", bad.toString(), "--png", dir.resolve("a.png").toString());
        assertEquals(1, quiet.err().strip().split("\n").length);
        assertTrue(loud.err().contains("\tat io.fastjukebox."), loud.err());
    }

    @Test
    void usageErrorsExitWithTwoAndPointToHelp() {
        Result r = run("audio", "transmogrify");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("fastjukebox: Unmatched argument"), r.err());
        assertTrue(r.err().contains("Try 'fastjukebox audio --help'"), r.err());
        assertEquals(2, run().exit());
        assertEquals(2, run("audio", "mel", "x.wav").exit());
    }

    @Test
    void onlyWorkingCommandsAreRegisteredAndListedInHelp() {
        var commands = new picocli.CommandLine(new FastJukeboxCommand()).getSubcommands();
        assertEquals(java.util.Set.of("info", "audio", "train-vqvae", "encode", "decode", "import", "train-prior", "score",
                "bench", "generate", "upsample", "continue", "studio", "distill", "eval"), commands.keySet());
        assertEquals(java.util.Set.of("info", "mel"), commands.get("audio").getSubcommands().keySet());
        Result r = run("--help");
        assertEquals(0, r.exit());
        for (String command : commands.keySet()) {
            assertTrue(r.out().contains("\n  " + command + " "), r.out());
        }
    }

    @Test
    void infoLoadsTheEngineOfflineAndDescribesTheDevice() throws IOException {
        Result r = run("info", "--json", "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        var node = io.fastjukebox.engine.config.Json.mapper().readTree(r.out());
        assertEquals("2.7.1", node.get("engine").get("libtorchVersion").asText());
        assertEquals("cpu", node.get("engine").get("flavour").asText());
        assertEquals(1, node.get("engine").get("intraOpThreads").asInt());
        assertTrue(node.get("engine").get("offline").asBoolean());
        assertTrue(node.get("engine").get("selfTest").asText().startsWith("ok"));
    }
}
