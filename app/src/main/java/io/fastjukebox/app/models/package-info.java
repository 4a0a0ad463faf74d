/**
 * The Models screen: a library of the bundled and the workspace's model bundles (layers, width,
 * parameters, provenance with the teacher a student was distilled from, measured speed), the
 * model set chosen for generation from the compatible priors, saved sets, and the engine's device.
 */
package io.fastjukebox.app.models;
