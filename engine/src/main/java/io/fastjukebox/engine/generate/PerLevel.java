package io.fastjukebox.engine.generate;

import java.util.Locale;

/**
 * One number per level of a three-level model, by name (JSON {@code {"top": .., "middle": .., "bottom": ..}}).
 * Level numbers follow the VQ-VAE: 2 = top, 1 = middle, 0 = bottom.
 */
public record PerLevel(double top, double middle, double bottom) {

    /** Level names, indexed by level number. */
    private static final String[] NAMES = {"bottom", "middle", "top"};

    /** The value of level {@code level} (0 = bottom). */
    public double get(int level) {
        return switch (level) {
            case 2 -> top;
            case 1 -> middle;
            case 0 -> bottom;
            default -> throw new IllegalArgumentException("level " + level + " is not 0 (bottom), 1 (middle) or 2 (top)");
        };
    }

    /** The same value at every level. */
    public static PerLevel all(double value) {
        return new PerLevel(value, value, value);
    }

    /** The name of level {@code level}: top, middle or bottom. */
    public static String name(int level) {
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("level " + level + " is not 0 (bottom), 1 (middle) or 2 (top)");
        }
        return NAMES[level];
    }

    /**
     * Parses {@code "0.98,0.99,0.99"} (top, middle, bottom) or one value for all levels.
     *
     * @param what the option being parsed, for the error message
     */
    public static PerLevel parse(String text, String what) {
        String[] parts = text.split(",", -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new IllegalArgumentException(what + " '" + text + "' needs one value, or three (top,middle,bottom)");
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " '" + text + "': '" + parts[i].trim() + "' is not a number");
            }
        }
        return v.length == 1 ? all(v[0]) : new PerLevel(v[0], v[1], v[2]);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s,%s,%s", top, middle, bottom);
    }
}
