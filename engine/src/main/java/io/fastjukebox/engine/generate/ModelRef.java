package io.fastjukebox.engine.generate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One model of a job, as recorded in {@code job.json}: enough to know exactly what ran.
 *
 * @param role vqvae, top, middle or bottom
 * @param path the bundle file when the job started
 * @param sha256 its checksum; a resumed job refuses a changed file
 * @param source how it was made (trained, distilled, imported, ...)
 * @param layers transformer layers (priors), else 0
 * @param width residual width (priors), else 0
 * @param parentSha256 the bundle it was derived from (a student's teacher), if any
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelRef(String role, String path, String sha256, String source, int layers, int width, String parentSha256) {}
