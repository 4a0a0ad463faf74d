package io.fastjukebox.app.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Java Sound path in child JVMs, with ALSA pointed at a null device (plays, without a
 * sound card: javafx-notes section 4) or at a missing card (playback is refused with the message).
 */
class JavaSoundOutputTest {
    @TempDir
    Path dir;

    @Test
    void aDevicePlaysFromTheStartPointToTheEnd() throws Exception {
        String out = runChild("pcm.!default { type null }\nctl.!default { type null }\n");

        assertTrue(out.contains("unavailable: no"), out);
        Matcher m = Pattern.compile("min (\\S+) finished true end (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(1)) >= 0.25, "the playhead never went before the start asked for: " + out);
        assertEquals(1.0, Double.parseDouble(m.group(2)), 1e-9, "it played to the end of the clip");
    }

    @Test
    void withoutADeviceTheProbeSaysSo() throws Exception {
        String out = runChild("pcm.!default { type hw card 99 }\nctl.!default { type hw card 99 }\n");

        assertTrue(out.contains("unavailable: " + JavaSoundOutput.NO_DEVICE), out);
    }

    private String runChild(String alsaConfig) throws Exception {
        Path conf = Files.writeString(dir.resolve("alsa.conf"), alsaConfig);
        Path log = dir.resolve("child.log");
        ProcessBuilder b = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PlaybackChild.class.getName()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().put("ALSA_CONFIG_PATH", conf.toString());
        Process child = b.start();
        boolean exited = child.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(exited, "the child did not exit: " + out);
        assertEquals(0, child.exitValue(), out);
        return out;
    }
}
