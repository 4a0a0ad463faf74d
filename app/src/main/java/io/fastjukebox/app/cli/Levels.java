package io.fastjukebox.app.cli;

import java.util.Locale;

/** Level names of the command line. */
final class Levels {
    private Levels() {}

    /** {@code top}, {@code middle} (3-level models), {@code bottom}, or a number in [0, levels). */
    static int parse(String text, int levels) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int level = switch (t) {
            case "top" -> levels - 1;
            case "bottom" -> 0;
            case "middle" -> levels == 3 ? 1 : -1;
            default -> {
                try {
                    yield Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    yield -1;
                }
            }
        };
        if (level < 0 || level >= levels) {
            throw new IllegalArgumentException("--level " + text + " does not name one of the VQ-VAE's " + levels
                    + " levels (top, " + (levels == 3 ? "middle, " : "") + "bottom, or 0.." + (levels - 1) + ")");
        }
        return level;
    }
}
