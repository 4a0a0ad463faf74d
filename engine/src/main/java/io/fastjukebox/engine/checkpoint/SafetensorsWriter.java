package io.fastjukebox.engine.checkpoint;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes standard safetensors files, readable by the Python {@code safetensors} package and by
 * {@link StateDict#read}: an 8-byte little-endian header length, a compact JSON header padded with
 * spaces to a multiple of 8 bytes, then the tensors' bytes back to back in the map's order.
 *
 * <p>The file is written atomically ({@link AtomicFiles}) and the data is streamed tensor by tensor,
 * so no buffer larger than a small copy chunk is allocated, whatever the total size.
 */
public final class SafetensorsWriter {
    private static final int CHUNK = 1 << 16;

    private SafetensorsWriter() {}

    /**
     * Writes {@code tensors} (in iteration order) and the optional {@code metadata} strings to {@code file}.
     *
     * @param metadata stored as {@code "__metadata__"}; may be empty, in which case it is omitted
     * @throws IllegalArgumentException if a tensor name is empty or {@code "__metadata__"}
     */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        ObjectNode header = Json.mapper().createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.equals("__metadata__")) {
                throw new IllegalArgumentException("invalid safetensors tensor name '" + name + "'");
            }
            TensorData t = e.getValue();
            ObjectNode entry = header.putObject(name);
            entry.put("dtype", t.dtype().safetensorsName());
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(t.shape()).forEach(shape::add);
            entry.putArray("data_offsets").add(offset).add(offset + t.byteSize());
            offset += t.byteSize();
        }
        byte[] json = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        AtomicFiles.write(file, out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, padded);
            out.write(length.array());
            out.write(json);
            for (int i = json.length; i < padded; i++) {
                out.write(' ');
            }
            for (TensorData t : tensors.values()) {
                copy(t.data(), out);
            }
        });
    }

    private static void copy(ByteBuffer data, OutputStream out) throws IOException {
        if (data.hasArray()) {
            out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            return;
        }
        byte[] chunk = new byte[Math.min(CHUNK, Math.max(1, data.remaining()))];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }
}
