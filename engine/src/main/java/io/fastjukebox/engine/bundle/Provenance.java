package io.fastjukebox.engine.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Where a model came from: what a researcher needs to compare models fairly and reproduce them.
 *
 * @param created ISO-8601 time the bundle was written
 * @param engineVersion fastjukebox version that wrote it
 * @param source how it was made: {@code trained}, {@code imported}, {@code distilled}, ...
 * @param sourceFile for imports, the original file name and its SHA-256
 * @param steps optimisation steps taken (null when not trained here)
 * @param seed seed of the run (null when not trained here)
 * @param parentSha256 SHA-256 of the bundle this one was derived from (teacher, resumed run), if any
 * @param data the training data files, if any
 * @param details anything else worth keeping: training settings, loudness normalisation, final metrics
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
        String created,
        String engineVersion,
        String source,
        String sourceFile,
        Long steps,
        Long seed,
        String parentSha256,
        List<DataFile> data,
        Map<String, Object> details) {

    /** One training file. */
    public record DataFile(String path, String sha256, double seconds) {}

    public Provenance {
        data = data == null ? List.of() : List.copyOf(data);
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
