package io.fastjukebox.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo clip shipped in the assets module, copied out to a real file (it may sit inside a jar). */
public final class DemoClip {
    /** Class-path location of the clip: Ogg Vorbis, mono, 22050 Hz, 12.000 s. */
    public static final String RESOURCE = "/io/fastjukebox/assets/demo/wesnoth-excerpt.ogg";

    private DemoClip() {}

    /** Copies the clip to {@code dir/wesnoth-excerpt.ogg} and returns that path. */
    public static Path copyTo(Path dir) throws IOException {
        Path target = dir.resolve("wesnoth-excerpt.ogg");
        try (InputStream in = DemoClip.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is not on the class path (is the assets module built?)");
            }
            Files.copy(in, target);
        }
        return target;
    }
}
