package io.fastjukebox.engine.checkpoint;

import io.fastjukebox.engine.checkpoint.PickleValues.Placeholder;
import io.fastjukebox.engine.checkpoint.TorchRefs.StorageSource;
import io.fastjukebox.engine.checkpoint.TorchRefs.TensorRef;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Picks the state dict out of an unpickled torch checkpoint and materialises its tensors. Shared by
 * the zip and legacy readers.
 *
 * <p>The top-level object must be a dict. If it maps {@code 'model'} (or else {@code 'state_dict'})
 * to a dict, that inner dict is the state dict, {@code 'step'} is recorded if it is an int, and
 * every other top-level entry is ignored. Otherwise the top-level dict itself is the state dict.
 * Every state-dict key must be a str and every value a tensor; a placeholder for a non-allow-listed
 * global anywhere in the state dict (or anywhere in a non-dict top level) refuses the file.
 */
final class TorchCheckpoint {
    /** The tensors of the state dict, in file order (keys as in the file), and the step. */
    record Result(Map<String, TensorData> tensors, OptionalLong step) {}

    private TorchCheckpoint() {}

    static Result extract(Object top, StorageSource source, ReadBudget budget, String path) throws IOException {
        if (!(top instanceof Map<?, ?> checkpoint)) {
            refusePlaceholders(top, path);
            throw new IOException(path + ": the pickle holds " + PickleValues.describe(top)
                    + ", expected a dict (a state dict, or a checkpoint holding one under 'model' or 'state_dict')");
        }
        Map<?, ?> stateDict = checkpoint;
        OptionalLong step = OptionalLong.empty();
        String wrapper = checkpoint.containsKey("model") ? "model"
                : checkpoint.containsKey("state_dict") ? "state_dict" : null;
        Object inner = wrapper == null ? null : checkpoint.get(wrapper);
        if (inner instanceof Map<?, ?> innerMap) {
            stateDict = innerMap;
            if (checkpoint.get("step") instanceof Long s) {
                step = OptionalLong.of(s);
            }
        } else if (wrapper != null && !(inner instanceof TensorRef)) {
            refusePlaceholders(inner, path);
            throw new IOException(path + ": checkpoint entry '" + wrapper + "' is "
                    + PickleValues.describe(inner) + ", expected a state dict");
        }
        Map<String, TensorRef> refs = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : stateDict.entrySet()) {
            Object key = e.getKey();
            Object value = e.getValue();
            if (!(key instanceof String name)) {
                refusePlaceholders(key, path);
                throw new IOException(path + ": state-dict key is " + PickleValues.describe(key) + ", not a str");
            }
            if (!(value instanceof TensorRef t)) {
                refusePlaceholders(value, path);
                throw new IOException(path + ": state-dict entry " + PickleValues.quote(name) + " is " + PickleValues.describe(value)
                        + ", not a tensor");
            }
            refs.put(name, t);
        }
        Map<TensorRef, TensorData> done = new IdentityHashMap<>();
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, TensorRef> e : refs.entrySet()) {
            TensorData data = done.get(e.getValue());
            if (data == null) {
                data = e.getValue().materialize(source, budget);
                done.put(e.getValue(), data);
            }
            tensors.put(e.getKey(), data);
        }
        return new Result(tensors, step);
    }

    /** Refuses the file if {@code value} is or contains a placeholder. */
    static void refusePlaceholders(Object value, String path) throws UnsafeCheckpointException {
        Placeholder p = PickleValues.findPlaceholder(value);
        if (p != null) {
            throw new UnsafeCheckpointException(path, p.global);
        }
    }
}
