package io.fastjukebox.engine.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;

/**
 * The project's one configured Jackson {@link ObjectMapper}: indented output, paths as plain
 * strings, and unknown fields rejected (Jackson's default, kept on purpose so a typo in a config
 * file is an error rather than silently ignored).
 */
public final class Json {
    private static final ObjectMapper MAPPER = create();

    private Json() {}

    /** The shared mapper; thread-safe once configured, never reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper create() {
        SimpleModule paths = new SimpleModule("paths");
        paths.addSerializer(Path.class, ToStringSerializer.instance);
        return new ObjectMapper()
                .registerModule(paths)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
