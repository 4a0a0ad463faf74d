package io.fastjukebox.engine.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Perceptually uniform colour maps for spectrograms, as 256-entry lookup tables taken from
 * matplotlib (see {@code colormaps/README.md} next to the tables).
 */
public enum ColorMap {
    MAGMA("magma"),
    VIRIDIS("viridis"),
    GREYS("greys");

    private final String resource;
    private volatile int[] lut;

    ColorMap(String resource) {
        this.resource = resource;
    }

    /** Parses a name such as {@code magma} (case-insensitive), naming the choices on failure. */
    public static ColorMap parse(String name) {
        for (ColorMap m : values()) {
            if (m.resource.equalsIgnoreCase(name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown colour map '" + name + "' (choose magma, viridis or greys)");
    }

    /** The colour for {@code t} in [0, 1] (clamped) as opaque ARGB. */
    public int argb(double t) {
        int[] table = lut();
        double c = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        return table[(int) Math.round(c * (table.length - 1))];
    }

    /** The 256 opaque ARGB colours, low values first; a copy. */
    public int[] table() {
        return lut().clone();
    }

    private int[] lut() {
        int[] t = lut;
        if (t == null) {
            t = load();
            lut = t;
        }
        return t;
    }

    private int[] load() {
        String path = "colormaps/" + resource + ".txt";
        try (InputStream in = ColorMap.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("colour map resource missing: " + path);
            }
            int[] out = new int[256];
            int n = 0;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String hex = line.trim().toLowerCase(Locale.ROOT);
                if (hex.isEmpty()) {
                    continue;
                }
                if (n == out.length) {
                    throw new IllegalStateException(path + " has more than 256 colours");
                }
                out[n++] = 0xff000000 | Integer.parseInt(hex, 16);
            }
            if (n != out.length) {
                throw new IllegalStateException(path + " has " + n + " colours, expected 256");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
