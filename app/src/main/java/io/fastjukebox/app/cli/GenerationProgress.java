package io.fastjukebox.app.cli;

import io.fastjukebox.engine.generate.GenerationListener;
import io.fastjukebox.engine.generate.PerLevel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generation progress on a terminal: one line per level (top first) redrawn in place on a TTY, or
 * plain lines every few seconds (and at the end of each level) when the output is a file or pipe.
 * Receives throttled events (see ThrottledListener), on the job's thread.
 */
final class GenerationProgress implements GenerationListener {
    private static final int BAR = 24;
    private final PrintWriter out;
    private final boolean tty;
    private final long plainIntervalNanos;
    private final Map<Integer, String> lines = new TreeMap<>(java.util.Comparator.reverseOrder());
    private int drawn;
    private long lastPlain;

    GenerationProgress(PrintWriter out, boolean tty, double plainIntervalSeconds) {
        this.out = out;
        this.tty = tty;
        this.plainIntervalNanos = (long) (plainIntervalSeconds * 1e9);
    }

    /** Whether standard output is an interactive terminal that understands cursor movement. */
    static boolean isTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }

    @Override
    public synchronized void onProgress(Progress p) {
        String line = line(p);
        lines.put(p.level(), line);
        if (tty) {
            redraw();
            return;
        }
        long now = System.nanoTime();
        if (p.fraction() >= 1 || now - lastPlain >= plainIntervalNanos) {
            lastPlain = now;
            out.println(line);
            out.flush();
        }
    }

    static String line(Progress p) {
        int filled = (int) Math.round(p.fraction() * BAR);
        String who = p.candidates().size() == 1 ? "candidate " + p.candidates().get(0)
                : "candidates " + p.candidates().get(0) + "-" + p.candidates().get(p.candidates().size() - 1);
        return String.format(Locale.ROOT, "%-6s [%s%s] %3.0f%%  window %d/%d  %s  %.0f tok/s  %s",
                PerLevel.name(p.level()), "#".repeat(filled), "-".repeat(BAR - filled), 100 * p.fraction(), p.window(),
                p.windows(), who, p.tokensPerSecond(), p.fraction() >= 1 ? "done" : "ETA " + ProgressPrinter.duration(p.etaSeconds()));
    }

    private void redraw() {
        StringBuilder b = new StringBuilder();
        if (drawn > 0) {
            b.append("\r\033[").append(drawn).append('A');
        }
        for (String l : lines.values()) {
            b.append("\033[2K").append(l).append('\n');
        }
        drawn = lines.size();
        out.print(b);
        out.flush();
    }

    @Override
    public synchronized void onLevelFinished(int level, int candidate, Path wav) {
        message(PerLevel.name(level) + " level of candidate " + candidate + " decoded: " + wav);
    }

    @Override
    public synchronized void onMessage(String message) {
        message(message);
    }

    private void message(String text) {
        out.println(text);
        out.flush();
        drawn = 0; // bars are drawn again below the message
    }
}
