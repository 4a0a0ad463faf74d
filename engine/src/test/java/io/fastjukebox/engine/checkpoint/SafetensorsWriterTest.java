package io.fastjukebox.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesByteForByteWhatTheReferenceLayoutProduces() throws IOException {
        // the Python fixture writer uses the standard layout: compact JSON, space padding to 8, data in order
        Path golden = Fixtures.golden("state_dict.safetensors");
        StateDict sd = StateDict.read(golden);
        Path out = dir.resolve("copy.safetensors");
        SafetensorsWriter.write(out, sd.tensors(), sd.metadata());
        assertArrayEquals(Files.readAllBytes(golden), Files.readAllBytes(out));
    }

    @Test
    void roundTripsEveryTensorOfATorchCheckpointExactly() throws IOException {
        for (String file : List.of("checkpoint_legacy_cuda.pth.tar", "state_dict_zip.pt")) {
            StateDict sd = StateDict.read(Fixtures.golden(file));
            Path out = dir.resolve("converted.safetensors");
            SafetensorsWriter.write(out, sd.tensors(), Map.of("step", String.valueOf(sd.step().orElse(0))));
            StateDict back = StateDict.read(out);
            assertEquals(StateDict.Format.SAFETENSORS, back.format());
            assertEquals(List.copyOf(sd.tensors().keySet()), List.copyOf(back.tensors().keySet()));
            sd.tensors().forEach((k, v) -> assertTrue(v.contentEquals(back.get(k)), file + ": " + k));
            byte[] bytes = Files.readAllBytes(out);
            long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, headerLength % 8);
            String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
            assertTrue(header.startsWith("{\"__metadata__\":{\"step\":"), header);
        }
    }

    @Test
    void largeTensorsAreStreamedAndReadBackThroughAMapping() throws IOException {
        float[] values = new float[600_000]; // 2.4 MB: above the 1 MiB mapping threshold
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i * 0.001) * i;
        }
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("big", TensorData.ofFloats(values, 600, 1000));
        tensors.put("small", TensorData.ofFloats(new float[] {1, 2, 3}, 3));
        Path out = dir.resolve("big.safetensors");
        SafetensorsWriter.write(out, tensors, Map.of());
        StateDict back = StateDict.read(out);
        assertArrayEquals(values, back.get("big").toFloatArray());
        assertArrayEquals(new long[] {600, 1000}, back.get("big").shape());
        assertArrayEquals(new float[] {1, 2, 3}, back.get("small").toFloatArray());
        assertTrue(back.metadata().isEmpty());
    }

    @Test
    void failedWritesLeaveNothingBehindAndBadNamesAreRejected() throws IOException {
        Map<String, TensorData> t = Map.of("x", TensorData.ofFloats(new float[] {1}, 1));
        assertThrows(IOException.class, () -> SafetensorsWriter.write(dir.resolve("missing/x.safetensors"), t, Map.of()));
        for (String bad : new String[] {"", "__metadata__"}) {
            Map<String, TensorData> named = Map.of(bad, TensorData.ofFloats(new float[] {1}, 1));
            assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(dir.resolve("b.safetensors"), named, Map.of()));
        }
        assertFalse(Files.exists(dir.resolve("b.safetensors")));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary files left");
        }
    }

    @Test
    void overlappingOrOutOfBoundsRegionsAreRejectedOnRead() throws IOException {
        String[] headers = {
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}",
            "{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[8],\"data_offsets\":[0,8]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}}",
            "[1, 2]"};
        for (String h : headers) {
            byte[] json = h.getBytes(StandardCharsets.UTF_8);
            ByteBuffer file = ByteBuffer.allocate(8 + json.length + 8).order(ByteOrder.LITTLE_ENDIAN);
            file.putLong(json.length).put(json);
            Path p = dir.resolve("bad.safetensors");
            Files.write(p, file.array());
            IOException e = assertThrows(IOException.class, () -> StateDict.read(p), h);
            assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        }
    }
}
