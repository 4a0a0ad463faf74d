package io.fastjukebox.app.cli;

import io.fastjukebox.engine.jobs.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Prints training progress: one line every few seconds (or steps), plus validation and checkpoints. */
final class ProgressPrinter implements TrainingListener {
    private final PrintWriter out;
    private final long minIntervalNanos;
    private long lastPrint;

    ProgressPrinter(PrintWriter out, double minIntervalSeconds) {
        this.out = out;
        this.minIntervalNanos = (long) (minIntervalSeconds * 1e9);
    }

    @Override
    public void onStep(Step s) {
        long now = System.nanoTime();
        if (s.step() != 1 && s.step() != s.totalSteps() && now - lastPrint < minIntervalNanos) {
            return;
        }
        lastPrint = now;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "step %d/%d", s.step(), s.totalSteps()));
        for (Map.Entry<String, Double> e : s.metrics().entrySet()) {
            if (!e.getKey().equals("lr")) {
                line.append("  ").append(e.getKey()).append(' ').append(number(e.getValue()));
            }
        }
        line.append(String.format(Locale.ROOT, "  %.2f s/step  ETA %s", s.secondsPerStep(), duration(s.etaSeconds())));
        out.println(line);
        out.flush();
    }

    @Override
    public void onValidation(long step, Map<String, Double> metrics) {
        StringBuilder line = new StringBuilder("validation at step " + step + ":");
        metrics.forEach((k, v) -> line.append("  ").append(k).append(' ').append(number(v)));
        out.println(line);
        out.flush();
    }

    @Override
    public void onCheckpoint(long step, Path where) {
        out.println("checkpoint at step " + step + ": " + where);
        out.flush();
    }

    @Override
    public void onMessage(String message) {
        out.println(message);
        out.flush();
    }

    /** Whole numbers (phase, epoch, code counts) as integers, anything else with four significant digits. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
