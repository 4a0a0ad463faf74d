/**
 * Model bundles: the project's own checkpoint format (safetensors tensors + a JSON manifest with
 * schema version, architecture config and provenance), written atomically and validated on load.
 */
package io.fastjukebox.engine.bundle;
