package io.fastjukebox.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Checks an output path before any long work starts. */
final class OutputPaths {
    private OutputPaths() {}

    /** The name must end with {@code extension}, its directory must exist, and it must not be an input. */
    static void check(Path out, String extension, Path... inputs) throws IOException {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension)) {
            throw new IllegalArgumentException(out + ": output file name must end with " + extension);
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(out + ": directory " + dir + " does not exist");
        }
        for (Path in : inputs) {
            if (in != null && Files.exists(out) && Files.exists(in) && Files.isSameFile(out, in)) {
                throw new IllegalArgumentException(out + ": refusing to overwrite the input file");
            }
        }
    }
}
