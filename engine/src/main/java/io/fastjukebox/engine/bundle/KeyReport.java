package io.fastjukebox.engine.bundle;

import io.fastjukebox.engine.checkpoint.TensorData;
import io.fastjukebox.engine.nn.ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a set of named tensors (a checkpoint or bundle) matches an architecture's expected tensors.
 *
 * @param expected number of tensors the architecture has
 * @param missing expected names absent from the file
 * @param unexpected names in the file the architecture does not have
 * @param mismatched expected names present with another shape, with both shapes
 */
public record KeyReport(int expected, List<String> missing, List<String> unexpected, List<String> mismatched) {

    /** Compares {@code tensors} with {@code specs} by name and shape. */
    public static KeyReport compare(List<ParameterSpec> specs, Map<String, TensorData> tensors) {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        Map<String, ParameterSpec> byName = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) {
            byName.put(spec.name(), spec);
            TensorData t = tensors.get(spec.name());
            if (t == null) {
                missing.add(spec.name());
            } else if (!Arrays.equals(t.shape(), spec.shape())) {
                mismatched.add(spec.name() + " is " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(spec.shape()));
            }
        }
        List<String> unexpected = tensors.keySet().stream().filter(k -> !byName.containsKey(k)).toList();
        return new KeyReport(byName.size(), List.copyOf(missing), unexpected, List.copyOf(mismatched));
    }

    /** Whether every expected tensor is present with the right shape. */
    public boolean complete() {
        return missing.isEmpty() && mismatched.isEmpty();
    }

    /** One paragraph naming every problem (the first ten of each kind). */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(expected - missing.size() - mismatched.size()).append(" of ").append(expected).append(" tensors match");
        append(s, "missing", missing);
        append(s, "wrong shape", mismatched);
        append(s, "unexpected", unexpected);
        return s.toString();
    }

    private static void append(StringBuilder s, String label, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        s.append("; ").append(items.size()).append(' ').append(label).append(": ")
                .append(String.join(", ", items.subList(0, Math.min(10, items.size()))));
        if (items.size() > 10) {
            s.append(", ...");
        }
    }
}
