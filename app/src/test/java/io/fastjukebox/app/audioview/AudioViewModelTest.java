package io.fastjukebox.app.audioview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.app.DemoClip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the ViewModel synchronously: engine work and UI updates both run on the test thread. */
class AudioViewModelTest {
    @TempDir
    Path dir;

    private final AudioViewModel viewModel = new AudioViewModel(Runnable::run, Runnable::run);

    @Test
    void badFileBecomesAReadableErrorNamingTheFile() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.wav"), "this is not audio\n", StandardCharsets.UTF_8);

        CompletableFuture<Void> done = viewModel.load(bad);

        String error = viewModel.errorMessageProperty().get();
        assertTrue(error.contains("bad.wav"), error);
        assertTrue(error.contains("not a supported audio file"), error);
        assertFalse(error.contains(dir.toString()), "the message names the file, not the whole path: " + error);
        assertFalse(viewModel.loadingProperty().get());
        assertEquals("bad.wav", viewModel.fileNameProperty().get());
        assertNull(viewModel.loadedProperty().get());
        assertNull(viewModel.waveformProperty().get());
        ExecutionException failure = assertThrows(ExecutionException.class, done::get);
        assertEquals(error, failure.getCause().getMessage());
    }

    @Test
    void missingFileSaysSo() {
        viewModel.load(dir.resolve("nowhere.flac"));

        assertEquals("Cannot open nowhere.flac: no such file", viewModel.errorMessageProperty().get());
    }

    @Test
    void demoClipFillsInfoWaveformAndMel() throws Exception {
        Path clip = DemoClip.copyTo(dir);

        viewModel.load(clip).get();

        String info = viewModel.infoTextProperty().get();
        for (String expected : new String[] {"Ogg Vorbis", "22050 Hz", "mono", "12.00 s", "peak -2.6 dBFS", "RMS"}) {
            assertTrue(info.contains(expected), () -> "'" + expected + "' missing from: " + info);
        }
        assertEquals("", viewModel.errorMessageProperty().get());
        assertEquals("wesnoth-excerpt.ogg", viewModel.fileNameProperty().get());
        assertEquals(264_600, viewModel.clipProperty().get().frames());
        assertEquals(22_050, viewModel.clipProperty().get().sampleRate());
        assertEquals(264_600, viewModel.waveformProperty().get().length());
        AudioViewModel.Loaded loaded = viewModel.loadedProperty().get();
        MelPyramid mel = loaded.mel();
        assertEquals(128, mel.bands());
        assertEquals(1 + 264_600 / 512, mel.frames(), "librosa's centred frame count");
        float loudest = Float.NEGATIVE_INFINITY;
        for (int b = 0; b < mel.bands(); b++) {
            for (int f = 0; f < mel.frames(); f++) {
                loudest = Math.max(loudest, mel.db(b, f));
            }
        }
        // a fixed scale (0 dB = a full-scale sine's band), not relative to this clip's maximum
        assertTrue(loudest < -1 && loudest > -40, "loudest band " + loudest + " dB re a full-scale sine");
        assertEquals(12.0, loaded.durationSeconds(), 1e-9);
        assertEquals(512 / 22050.0, mel.secondsPerFrame(), 1e-12);
        assertTrue(loaded.frequencyTicks().stream().anyMatch(t -> t.label().equals("1 kHz")));
    }

    @Test
    void aFullScaleSineReachesZeroDecibels() throws Exception {
        float[] s = new float[22050];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.sin(2 * Math.PI * 1000 * i / 22050.0);
        }
        Path wav = dir.resolve("sine.wav");
        io.fastjukebox.engine.audio.WavWriter.write(wav, new io.fastjukebox.engine.audio.AudioClip(s, 22050),
                io.fastjukebox.engine.audio.WavWriter.Encoding.FLOAT_32);

        viewModel.load(wav, "reference sine").get();

        MelPyramid mel = viewModel.loadedProperty().get().mel();
        float[][] all = mel.columns(0, mel.frames(), 1);
        float loudest = Float.NEGATIVE_INFINITY;
        for (float[] band : all) {
            loudest = Math.max(loudest, band[0]);
        }
        assertEquals(0, loudest, 0.05);
        assertEquals("reference sine", viewModel.fileNameProperty().get());
    }

    @Test
    void successfulLoadClearsAnEarlierError() throws Exception {
        viewModel.load(Files.writeString(dir.resolve("bad.wav"), "nope"));
        assertFalse(viewModel.errorMessageProperty().get().isEmpty());

        viewModel.load(DemoClip.copyTo(dir)).get();

        assertEquals("", viewModel.errorMessageProperty().get());
        assertNotNull(viewModel.loadedProperty().get());
    }

    @Test
    void loadingFlagIsSetUntilTheResultArrives() throws Exception {
        Deque<Runnable> engine = new ArrayDeque<>();
        AudioViewModel queued = new AudioViewModel(engine::add, Runnable::run);

        queued.load(DemoClip.copyTo(dir));

        assertTrue(queued.loadingProperty().get());
        assertTrue(queued.infoTextProperty().get().startsWith("Loading wesnoth-excerpt.ogg"));
        engine.remove().run();
        assertFalse(queued.loadingProperty().get());
    }

    @Test
    void olderLoadFinishingLastDoesNotOverwriteTheNewerOne() throws Exception {
        Deque<Runnable> engine = new ArrayDeque<>();
        AudioViewModel queued = new AudioViewModel(engine::add, Runnable::run);
        Path bad = Files.writeString(dir.resolve("bad.wav"), "nope");

        CompletableFuture<Void> first = queued.load(bad);
        CompletableFuture<Void> second = queued.load(DemoClip.copyTo(dir));
        engine.removeLast().run(); // the newer load finishes first
        engine.removeLast().run();

        assertEquals("wesnoth-excerpt.ogg", queued.fileNameProperty().get());
        assertEquals("", queued.errorMessageProperty().get());
        assertNotNull(queued.loadedProperty().get());
        second.get();
        assertThrows(CancellationException.class, first::get);
    }
}
