package io.fastjukebox.app.studio;

import java.util.Locale;

/** The studio's main screens, in tab order. */
public enum Screen {
    MODELS("Models"), GENERATE("Generate"), CANDIDATES("Candidates"), COMPARE("Compare"), DISTILL("Distill"),
    HISTORY("History");

    private final String title;

    Screen(String title) {
        this.title = title;
    }

    /** The tab's label. */
    public String title() {
        return title;
    }

    /** The name used on the command line and in screenshot file names: models, generate, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The screen named {@code name} (case-insensitive), naming the choices on failure. */
    public static Screen parse(String name) {
        for (Screen s : values()) {
            if (s.id().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown screen '" + name + "'; choose models, generate, candidates, compare or history");
    }
}
