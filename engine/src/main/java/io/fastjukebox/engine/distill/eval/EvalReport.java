package io.fastjukebox.engine.distill.eval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The result of a distillation evaluation, written as Markdown (the paper's Table 1 plus the distances
 * to the teacher) and as JSON with the same numbers.
 *
 * @param created ISO-8601 time of the evaluation
 * @param engineVersion fastjukebox version
 * @param device where it ran, e.g. {@code cpu()}
 * @param threads libtorch intra-op threads
 * @param codesFile the held-out codes file name
 * @param codesSha256 its SHA-256
 * @param level the level the priors model
 * @param windows held-out windows scored
 * @param positions positions scored
 * @param params the evaluation settings
 * @param melReference what the mel-statistics distance compares with (null when not computed)
 * @param models one row per model, the teacher first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvalReport(String created, String engineVersion, String device, int threads, String codesFile, String codesSha256,
        int level, int windows, long positions, EvalParams params, String melReference, List<ModelRow> models) {

    /**
     * One model's numbers.
     *
     * @param file bundle file name
     * @param sha256 bundle SHA-256
     * @param role {@code teacher} or {@code student}
     * @param mode how it was made: full, intermediate, mle (distilled students), else its provenance source
     * @param layers transformer layers
     * @param width residual width
     * @param parameters trainable parameters
     * @param tokensPerSecond median cached sampling speed
     * @param speedup speed over the teacher's
     * @param layerRatio teacher layers over this model's
     * @param nllBitsPerToken held-out negative log-likelihood
     * @param klBitsPerToken held-out KL(teacher || model)
     * @param top1Agreement fraction of positions whose most likely code is the teacher's
     * @param melFrechetDistance Fréchet distance of generated audio's mel statistics to the real audio's (dB^2), or null
     * @param melFrechetToTeacher the same distance to the teacher's generated audio (0 for the teacher), or null
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ModelRow(String file, String sha256, String role, String mode, int layers, int width, long parameters,
            double tokensPerSecond, double speedup, double layerRatio, double nllBitsPerToken, double klBitsPerToken,
            double top1Agreement, Double melFrechetDistance, Double melFrechetToTeacher) {}

    public EvalReport {
        models = List.copyOf(models);
    }

    /** The JSON file written next to a Markdown report: the same name ending in {@code .json}. */
    public static Path jsonPath(Path markdown) {
        String name = markdown.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        return markdown.resolveSibling(base + ".json");
    }

    /** Writes {@code markdown} and its JSON sibling, each atomically. */
    public void write(Path markdown) throws IOException {
        AtomicFiles.write(jsonPath(markdown), Json.mapper().writeValueAsBytes(this));
        AtomicFiles.write(markdown, markdown().getBytes(StandardCharsets.UTF_8));
    }

    /** The report as Markdown. */
    public String markdown() {
        StringBuilder s = new StringBuilder("# Distillation evaluation\n\n");
        s.append(String.format(Locale.ROOT, "Held-out codes `%s` (sha256 `%s`), level %d: %d windows, %d positions. "
                + "Device %s, %d intra-op thread(s). Sampling speed: batch %d x %d tokens, median of %d interleaved repeats "
                + "after %d untimed tokens per model, all models in this one run. fastjukebox %s, %s.%n%n", codesFile,
                codesSha256.substring(0, 16), level, windows, positions, device, threads, params.speedBatch(),
                params.speedTokens(), params.speedRepeats(), params.speedWarmup(), engineVersion, created));
        s.append("| model | role | mode | layers | width | parameters | tokens/s | speedup | layer ratio "
                + "| NLL bits/token | KL(teacher‖model) bits/token | top-1 agreement | mel FD to real (dB²) "
                + "| mel FD to teacher (dB²) |\n");
        s.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ModelRow r : models) {
            s.append(String.format(Locale.ROOT,
                    "| `%s` | %s | %s | %d | %d | %s | %.1f | %.2f× | %.2f | %.4f | %.4f | %.3f | %s | %s |%n",
                    r.file(), r.role(), r.mode(), r.layers(), r.width(), count(r.parameters()), r.tokensPerSecond(),
                    r.speedup(), r.layerRatio(), r.nllBitsPerToken(), r.klBitsPerToken(), r.top1Agreement(),
                    decimal(r.melFrechetDistance()), decimal(r.melFrechetToTeacher())));
        }
        s.append("\nNLL: mean negative log-likelihood of the held-out codes. KL and top-1: against the teacher's "
                + "next-code distribution at every held-out position. Speedup: tokens/s over the teacher's; the paper's "
                + "target is at least 0.9 × the layer ratio.\n");
        s.append(melReference == null ? "Mel FD: not computed (give a VQ-VAE and real audio).\n"
                : "Mel FD: Fréchet distance between Gaussians fitted to 64-band log-mel frames (dB) of " + melReference
                        + "; 'to teacher' compares with the teacher's generated windows instead.\n");
        return s.toString();
    }

    private static String decimal(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String count(long n) {
        return n >= 1_000_000 ? String.format(Locale.ROOT, "%.2f M", n / 1e6) : String.format(Locale.ROOT, "%,d", n);
    }
}
