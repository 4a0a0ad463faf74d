package io.fastjukebox.engine.checkpoint;

import java.io.IOException;

/**
 * A checkpoint was refused because its pickle references a Python global that the reader does not
 * allow where it appears (see {@link StateDict} for the rule). Nothing from the file was executed;
 * the file is likely crafted or not a plain state dict. The message reads
 * {@code "<path>: refusing to load: pickle references forbidden global 'os.system'"}.
 */
public final class UnsafeCheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String global;

    UnsafeCheckpointException(String path, String global) {
        super(path + ": refusing to load: pickle references forbidden global '" + global + "'");
        this.global = global;
    }

    /** The offending global as {@code module.name}, e.g. {@code "posix.system"}. */
    public String global() {
        return global;
    }
}
