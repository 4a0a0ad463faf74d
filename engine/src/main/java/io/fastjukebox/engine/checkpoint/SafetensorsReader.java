package io.fastjukebox.engine.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fastjukebox.engine.config.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads safetensors files: an 8-byte little-endian header length {@code n}, {@code n} bytes of JSON
 * mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets
 * relative to the data section that follows), and an optional {@code "__metadata__"} map of
 * strings. Tensor regions must lie inside the file and must not overlap.
 */
final class SafetensorsReader {
    /** The reference implementation's limit on the header size. */
    static final long MAX_HEADER = 100L << 20;

    record Result(Map<String, TensorData> tensors, Map<String, String> metadata) {}

    private record Entry(String name, TensorDtype dtype, long[] shape, long begin, long end) {}

    private SafetensorsReader() {}

    static Result read(Path file, long fileSize, String path) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ReadBudget budget = new ReadBudget(path, fileSize);
            long n = budget.region(channel, 0, 8, "the header length").getLong(0);
            if (n < 2 || n > fileSize - 8 || n > MAX_HEADER) {
                throw new IOException(path + ": invalid safetensors header length " + n + " (file has " + fileSize + " bytes)");
            }
            byte[] json = new byte[(int) n];
            budget.region(channel, 8, n, "the header").get(0, json);
            JsonNode header;
            try {
                header = Json.mapper().readTree(json);
            } catch (JsonProcessingException e) {
                throw new IOException(path + ": invalid safetensors header JSON: " + e.getOriginalMessage(), e);
            }
            if (header == null || !header.isObject()) {
                throw new IOException(path + ": safetensors header is not a JSON object");
            }
            long dataStart = 8 + n;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("__metadata__")) {
                    metadata(field.getValue(), metadata, path);
                } else {
                    entries.add(entry(field.getKey(), field.getValue(), fileSize - dataStart, path));
                }
            }
            List<Entry> byOffset = new ArrayList<>(entries);
            byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
            for (int i = 1; i < byOffset.size(); i++) {
                if (byOffset.get(i).begin() < byOffset.get(i - 1).end()) {
                    throw new IOException(path + ": safetensors tensors " + PickleValues.quote(byOffset.get(i - 1).name()) + " and "
                            + PickleValues.quote(byOffset.get(i).name()) + " overlap");
                }
            }
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                ByteBuffer data = budget.region(channel, dataStart + e.begin(), e.end() - e.begin(),
                        "tensor " + PickleValues.quote(e.name()));
                tensors.put(e.name(), TensorData.wrap(e.dtype(), e.shape(), data.order(ByteOrder.LITTLE_ENDIAN)));
            }
            return new Result(tensors, metadata);
        }
    }

    private static void metadata(JsonNode node, Map<String, String> out, String path) throws IOException {
        if (!node.isObject()) {
            throw new IOException(path + ": safetensors __metadata__ is not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IOException(path + ": safetensors __metadata__ value '" + e.getKey() + "' is not a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static Entry entry(String name, JsonNode node, long dataLength, String path) throws IOException {
        String where = path + ": safetensors tensor " + PickleValues.quote(name) + ": ";
        if (!node.isObject() || !node.path("dtype").isTextual()) {
            throw new IOException(where + "missing dtype");
        }
        TensorDtype dtype = TensorDtype.fromSafetensorsName(node.get("dtype").textValue());
        if (dtype == null) {
            throw new IOException(where + "unsupported dtype " + PickleValues.quote(node.get("dtype").textValue()));
        }
        long[] shape = longs(node.path("shape"), TorchRefs.MAX_RANK, where + "bad shape");
        long[] offsets = longs(node.path("data_offsets"), 2, where + "bad data_offsets");
        if (offsets.length != 2 || offsets[0] > offsets[1] || offsets[1] > dataLength) {
            throw new IOException(where + "data_offsets lie outside the " + dataLength + "-byte data section");
        }
        long numel;
        try {
            numel = TensorData.numel(shape);
            if (Math.multiplyExact(numel, (long) dtype.size()) != offsets[1] - offsets[0]) {
                throw new IOException(where + "shape and dtype need " + numel * dtype.size() + " bytes but data_offsets span "
                        + (offsets[1] - offsets[0]));
            }
        } catch (ArithmeticException e) {
            throw new IOException(where + "shape is too large");
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] longs(JsonNode node, int max, String error) throws IOException {
        if (!node.isArray() || node.size() > max) {
            throw new IOException(error);
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new IOException(error);
            }
            out[i] = v.longValue();
        }
        return out;
    }
}
