package io.fastjukebox.app.models;

import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.distill.eval.EvalReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sampling speeds measured by {@code fastjukebox eval} reports: the bundled family's reports (shipped in
 * {@code assets/models/eval}) and the workspace's {@code reports/}. Per model checksum, the row of the newest report
 * that timed it. Files that are not readable evaluation reports are skipped: they say nothing about speed.
 */
final class EvalSpeeds {
    private EvalSpeeds() {}

    /** A model's cached sampling speed at batch 1 and its speedup over the teacher it was evaluated with. */
    record Speed(double tokensPerSecond, double speedup, String created) {}

    static Map<String, Speed> read(List<Path> dirs) {
        Map<String, Speed> out = new HashMap<>();
        for (Path file : ModelLibrary.filesEndingIn(dirs, ".json")) {
            EvalReport report;
            try {
                report = Json.mapper().readValue(file.toFile(), EvalReport.class);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (report.models() == null || report.created() == null) {
                continue;
            }
            for (EvalReport.ModelRow row : report.models()) {
                if (row.sha256() == null || !(row.tokensPerSecond() > 0)) {
                    continue;
                }
                Speed s = new Speed(row.tokensPerSecond(), row.speedup(), report.created());
                out.merge(row.sha256(), s, (a, b) -> a.created().compareTo(b.created()) >= 0 ? a : b);
            }
        }
        return out;
    }
}
