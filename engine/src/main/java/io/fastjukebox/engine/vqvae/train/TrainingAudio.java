package io.fastjukebox.engine.vqvae.train;

import io.fastjukebox.engine.audio.AudioClip;
import io.fastjukebox.engine.audio.AudioReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The audio of a training folder: every supported file, mono at the model rate, loudness-normalised
 * to a common RMS (with a peak limit), split by file into training and held-out sets.
 *
 * <p>Normalising matters because real recordings differ by 10 dB or more (audio-notes.md); without
 * it the losses mostly measure volume. The normalisation is recorded in the model's provenance.
 */
public final class TrainingAudio {
    private static final String[] EXTENSIONS = {".wav", ".flac", ".ogg", ".mp3"};

    /** One decoded file. */
    public record Track(Path file, float[] samples, double gainDb) {}

    private final List<Track> train;
    private final List<Track> heldOut;
    private final long trainSamples;

    private TrainingAudio(List<Track> train, List<Track> heldOut) {
        this.train = List.copyOf(train);
        this.heldOut = List.copyOf(heldOut);
        this.trainSamples = train.stream().mapToLong(t -> t.samples().length).sum();
    }

    /**
     * Loads every audio file under {@code dir} (sorted by path, so the split is reproducible).
     * Every {@code holdOutEvery}-th file is held out for validation (0 = none). Each file is scaled to
     * {@code targetRmsDbfs} (peak-limited), or kept as it is when that is empty.
     */
    public static TrainingAudio load(Path dir, int sampleRate, OptionalDouble targetRmsDbfs, int holdOutEvery, int minSamples)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a directory of audio files");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(TrainingAudio::isAudio).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": contains no .wav, .flac, .ogg or .mp3 files");
        }
        List<Track> train = new ArrayList<>();
        List<Track> heldOut = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Track track = normalise(files.get(i), AudioReader.readMono(files.get(i), sampleRate), targetRmsDbfs);
            boolean hold = holdOutEvery > 0 && files.size() > 1 && i % holdOutEvery == holdOutEvery - 1;
            (hold ? heldOut : train).add(track);
        }
        TrainingAudio audio = new TrainingAudio(train, heldOut);
        for (Track t : train) {
            if (t.samples().length >= minSamples) {
                return audio;
            }
        }
        throw new IOException(dir + ": no training file is at least " + minSamples + " samples ("
                + String.format(Locale.ROOT, "%.2f s", minSamples / (double) sampleRate) + ") long");
    }

    private static boolean isAudio(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : EXTENSIONS) {
            if (name.endsWith(ext)) {
                return true;
            }
        }
        return false;
    }

    private static Track normalise(Path file, AudioClip clip, OptionalDouble targetRmsDbfs) {
        if (targetRmsDbfs.isEmpty()) {
            return new Track(file, clip.samples(), 0);
        }
        double gain = clip.normalisingGain(targetRmsDbfs.getAsDouble());
        return new Track(file, clip.scaled(gain).samples(), 20 * Math.log10(gain));
    }

    public List<Track> train() {
        return train;
    }

    public List<Track> heldOut() {
        return heldOut;
    }

    /**
     * A random window of {@code length} samples from the training files, a file chosen with
     * probability proportional to its length (files shorter than the window are skipped).
     */
    public float[] window(SplittableRandom rng, int length) {
        long eligible = train.stream().filter(t -> t.samples().length >= length).mapToLong(t -> t.samples().length).sum();
        long pick = (long) (rng.nextDouble() * eligible);
        for (Track t : train) {
            if (t.samples().length < length) {
                continue;
            }
            if (pick < t.samples().length) {
                int offset = rng.nextInt(t.samples().length - length + 1);
                return java.util.Arrays.copyOfRange(t.samples(), offset, offset + length);
            }
            pick -= t.samples().length;
        }
        Track last = train.stream().filter(t -> t.samples().length >= length).reduce((a, b) -> b).orElseThrow();
        return java.util.Arrays.copyOfRange(last.samples(), 0, length);
    }

    /** Total training samples. */
    public long trainSamples() {
        return trainSamples;
    }

    /**
     * Loss normalisers as {@code calculate_bandwidth} measures them: over consecutive training
     * windows of {@code windowLength} samples, up to {@code maxSamples} in all, the sample variance,
     * the mean absolute sample, and the mean over windows of {@code specNorm(window)}.
     */
    public Bandwidth bandwidth(int windowLength, long maxSamples, java.util.function.ToDoubleFunction<float[]> specNorm) {
        double sum = 0;
        double sumSq = 0;
        double sumAbs = 0;
        long n = 0;
        double spec = 0;
        int windows = 0;
        outer:
        for (Track t : train) {
            float[] x = t.samples();
            for (int start = 0; start + windowLength <= x.length; start += windowLength) {
                for (int i = start; i < start + windowLength; i++) {
                    sum += x[i];
                    sumSq += (double) x[i] * x[i];
                    sumAbs += Math.abs(x[i]);
                }
                n += windowLength;
                spec += specNorm.applyAsDouble(java.util.Arrays.copyOfRange(x, start, start + windowLength));
                windows++;
                if (n >= maxSamples) {
                    break outer;
                }
            }
        }
        if (windows == 0) {
            throw new IllegalStateException("no training file holds a whole window of " + windowLength + " samples");
        }
        double mean = sum / n;
        return new Bandwidth(sumSq / n - mean * mean, sumAbs / n, spec / windows);
    }
}
