package io.fastjukebox.engine.prior;

import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.prior.attention.AttentionOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named prior architectures, or a JSON config file with the same fields. */
public final class PriorPresets {
    private static final AttentionOrder RCP = AttentionOrder.ROW_COLUMN_PREVIOUS_ROW;
    private static final Map<String, PriorConfig> NAMED = new LinkedHashMap<>();

    static {
        // The released upsampler shapes (spec 2.1), unconditional: start token instead of artist/genre labels.
        NAMED.put("upsampler-level-0", new PriorConfig(0, 8192, 1920, 72, 1, RCP, 128, 0.25, 1.0, 0.4, 2048, false,
                new ConditionerConfig(2048, 1024, 16, 3, 8, false, 2, 2)));
        NAMED.put("upsampler-level-1", new PriorConfig(1, 8192, 1920, 72, 1, RCP, 128, 0.25, 1.0, 0.4, 2048, false,
                new ConditionerConfig(2048, 1024, 16, 3, 8, true, 2, 2)));
        // prior_5b shapes (merged decoder), unconditional.
        NAMED.put("top-5b", new PriorConfig(2, 8192, 4800, 72, 8, RCP, 128, 0.25, 1.0, 0.1, 2048, true, null));
        // The small configuration the speed target of the prior issue is stated for.
        NAMED.put("bench-small", new PriorConfig(2, 1024, 128, 24, 1, RCP, 16, 0.25, 1.0, 1.0, 2048, false, null));
    }

    private PriorPresets() {}

    /** The names of the built-in presets. */
    public static java.util.Set<String> names() {
        return NAMED.keySet();
    }

    /** A preset by name, or a JSON config file. */
    public static PriorConfig resolve(String nameOrFile) throws IOException {
        PriorConfig named = NAMED.get(nameOrFile);
        if (named != null) {
            return named;
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("unknown prior preset '" + nameOrFile + "' (choose " + String.join(", ", NAMED.keySet())
                    + ", or give a JSON config file)");
        }
        try {
            return Json.mapper().readValue(file.toFile(), PriorConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": not a valid prior config: " + e.getMessage(), e);
        }
    }
}
