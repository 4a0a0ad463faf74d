package io.fastjukebox.engine.jobs;

import java.io.IOException;
import java.nio.file.Path;

/** Persists a training job's state after a step, atomically; returns where. */
@FunctionalInterface
public interface Checkpointer {
    Path save(long step) throws IOException;
}
