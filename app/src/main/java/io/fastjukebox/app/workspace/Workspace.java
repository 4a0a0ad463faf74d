package io.fastjukebox.app.workspace;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the studio reads and writes: the user's workspace ({@code models/}, {@code jobs/},
 * {@code model-sets/}, {@code reports/}) and the read-only bundled models shipped next to the app.
 *
 * @param root the user's workspace folder
 * @param bundledModels the app's {@code assets/models} folder (may not exist)
 */
public record Workspace(Path root, Path bundledModels) {
    /** System property naming the workspace folder (the CLI's {@code --workspace} sets it). */
    public static final String WORKSPACE_PROPERTY = "fastjukebox.workspace";
    /** Environment variable naming the workspace folder. */
    public static final String WORKSPACE_ENV = "FASTJUKEBOX_WORKSPACE";
    /** System property naming the bundled models folder. */
    public static final String BUNDLED_PROPERTY = "fastjukebox.bundledModels";
    /** Environment variable naming the bundled models folder. */
    public static final String BUNDLED_ENV = "FASTJUKEBOX_BUNDLED_MODELS";
    private static final DateTimeFormatter JOB_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public Workspace {
        root = root.toAbsolutePath().normalize();
        bundledModels = bundledModels.toAbsolutePath().normalize();
    }

    /**
     * The workspace from the system property, else the environment, else {@code ~/FastJukebox}; the
     * bundled models from their property, else their variable, else {@code assets/models} in the
     * app's home (the first folder at or above the app's jar that has one).
     */
    public static Workspace fromEnvironment() {
        return fromEnvironment(System.getenv(), System::getProperty, appLocation());
    }

    static Workspace fromEnvironment(Map<String, String> env, Function<String, String> properties, Path appLocation) {
        String ws = firstNonBlank(properties.apply(WORKSPACE_PROPERTY), env.get(WORKSPACE_ENV));
        Path root = ws != null ? Path.of(ws) : Path.of(properties.apply("user.home"), "FastJukebox");
        String bundled = firstNonBlank(properties.apply(BUNDLED_PROPERTY), env.get(BUNDLED_ENV));
        return new Workspace(root, bundled != null ? Path.of(bundled) : bundledModelsNear(appLocation));
    }

    /** {@code assets/models} in the nearest folder at or above {@code start} that has one; else below {@code start}. */
    static Path bundledModelsNear(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("assets").resolve("models");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return start.resolve("assets").resolve("models");
    }

    /** The folder holding the app's classes or jar (the app home is at or above it). */
    private static Path appLocation() {
        try {
            Path code = Path.of(Workspace.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(code) ? code.getParent() : code;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }

    /** The bundled default model set ({@code assets/models/default.json}), if the app ships one. */
    public Optional<Path> defaultModelSet() {
        Path p = bundledModels.resolve("default.json");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    public Path models() {
        return root.resolve("models");
    }

    public Path jobs() {
        return root.resolve("jobs");
    }

    public Path modelSets() {
        return root.resolve("model-sets");
    }

    public Path exports() {
        return root.resolve("exports");
    }

    /** Evaluation reports (Markdown and JSON). */
    public Path reports() {
        return root.resolve("reports");
    }

    /** Creates the workspace folders if they are missing. */
    public void createFolders() throws IOException {
        for (Path p : new Path[] {models(), jobs(), modelSets()}) {
            Files.createDirectories(p);
        }
    }

    /**
     * Reserves a new, empty job folder {@code jobs/DATE-TIME-seedN[-k]}: created here, so two jobs never
     * share one, and an existing folder is never reused (outputs are never overwritten).
     */
    public Path newJobFolder(long seed) throws IOException {
        Objects.requireNonNull(root);
        Files.createDirectories(jobs());
        String base = LocalDateTime.now().format(JOB_TIME) + "-seed" + seed;
        for (int k = 1; ; k++) {
            Path dir = jobs().resolve(k == 1 ? base : base + "-" + k);
            try {
                return Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken: try the next suffix
            }
        }
    }

    /**
     * Removes a folder reserved by {@link #newJobFolder} if nothing was written into it (the job was refused before it
     * started), so bad input leaves no trace; a folder that holds anything is kept.
     */
    public static void discardIfEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException ignored) {
            // left as it is: the caller reports the failure that made the folder unwanted
        }
    }
}
