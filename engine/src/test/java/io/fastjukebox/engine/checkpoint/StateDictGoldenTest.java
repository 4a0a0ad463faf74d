package io.fastjukebox.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastjukebox.engine.config.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every tensor of every format against the values PyTorch 1.13 wrote ({@code expected.json}, made by
 * {@code golden/checkpoint/make_checkpoint_fixtures.py}).
 */
class StateDictGoldenTest {
    private static JsonNode expected;

    @BeforeAll
    static void loadExpected() throws IOException {
        expected = Json.mapper().readTree(Fixtures.golden("expected.json").toFile()).get("tensors");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "state_dict_zip.pt, TORCH_ZIP, -1",
        "state_dict_legacy.pt, TORCH_LEGACY, -1",
        "checkpoint_zip.pth.tar, TORCH_ZIP, 1234",
        "checkpoint_legacy_cuda.pth.tar, TORCH_LEGACY, 1234",
        "state_dict.safetensors, SAFETENSORS, -1"})
    void everyTensorMatchesWhatPyTorchWrote(String file, StateDict.Format format, long step) throws Exception {
        StateDict sd = StateDict.read(Fixtures.golden(file));
        assertEquals(format, sd.format());
        assertEquals(step < 0 ? "OptionalLong.empty" : "OptionalLong[" + step + "]", sd.step().toString());
        List<String> names = new ArrayList<>();
        expected.fieldNames().forEachRemaining(names::add);
        assertEquals(names, new ArrayList<>(sd.tensors().keySet()), "keys, in file order, without 'module.'");
        for (String name : names) {
            check(name, expected.get(name), sd.get(name));
        }
    }

    private static void check(String name, JsonNode want, TensorData got) throws NoSuchAlgorithmException {
        assertEquals(want.get("dtype").asText(), got.dtype().name(), name);
        long[] shape = new long[want.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = want.get("shape").get(i).asLong();
        }
        assertArrayEquals(shape, got.shape(), name);
        assertEquals(want.get("values").size(), got.numel(), name);
        assertEquals(want.get("sha256").asText(), sha256(got.data()), name + ": raw little-endian C-order bytes");
        float[] floats = got.toFloatArray();
        Iterator<JsonNode> values = want.get("values").elements();
        if (got.dtype().isFloating()) {
            for (int i = 0; values.hasNext(); i++) {
                // exact: f32 as stored, f16/bf16 widened, f64 rounded once, like (float) in Java
                assertEquals(Float.floatToIntBits((float) values.next().asDouble()), Float.floatToIntBits(floats[i]),
                        name + "[" + i + "]");
            }
        } else {
            long[] longs = got.toLongArray();
            for (int i = 0; values.hasNext(); i++) {
                long v = values.next().asLong();
                assertEquals(v, longs[i], name + "[" + i + "]");
                assertEquals((float) v, floats[i], name + "[" + i + "] as float");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"state_dict_zip.pt", "state_dict_legacy.pt", "checkpoint_zip.pth.tar", "checkpoint_legacy_cuda.pth.tar",
        "state_dict.safetensors"})
    void viewsOfOneStorageAreGatheredInCOrder(String file) throws IOException {
        Map<String, TensorData> t = StateDict.read(Fixtures.golden(file)).tensors();
        float[] base = t.get("proj.base").toFloatArray(); // 6 x 4
        float[] transposed = t.get("proj.weight_t").toFloatArray(); // base.t(): 4 x 6, strides (1, 4)
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(base[j * 4 + i], transposed[i * 6 + j]);
            }
        }
        float[] rows = t.get("proj.rows").toFloatArray(); // base[2:]: storage offset 8
        for (int k = 0; k < 16; k++) {
            assertEquals(base[8 + k], rows[k]);
        }
        float[] col = t.get("proj.col").toFloatArray(); // base[1:, 2]: offset 6, stride 4
        for (int k = 0; k < 5; k++) {
            assertEquals(base[(1 + k) * 4 + 2], col[k]);
        }
        assertArrayEquals(new long[] {0, 3}, t.get("empty").shape());
        assertEquals(0, t.get("empty").byteSize());
        assertEquals(0, t.get("scale").rank());
        assertArrayEquals(new float[] {0.5f}, t.get("scale").toFloatArray());
        assertArrayEquals(new long[] {42}, t.get("num_batches_tracked").toLongArray());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"state_dict_zip.pt", "state_dict_legacy.pt", "checkpoint_zip.pth.tar", "checkpoint_legacy_cuda.pth.tar"})
    void tiedKeysShareOneStorageAndAnAliasIsTheSameTensor(String file) throws IOException {
        StateDict sd = StateDict.read(Fixtures.golden(file));
        TensorData emb = sd.get("x_emb.weight");
        TensorData out = sd.get("x_out.weight");
        assertTrue(emb.contentEquals(out));
        assertArrayEquals(new long[] {5, 3}, out.shape());
        assertSame(sd.get("proj.base"), sd.get("proj.base_alias"), "one pickled tensor object, one TensorData");
    }

    @Test
    void wrappedCheckpointsStripModulePrefixAndIgnoreHpsWithUnknownClasses() throws IOException {
        // hps holds a numpy float64 scalar, a jukebox.hparams.Hyperparams (NEWOBJ + SETITEMS) and a
        // sneaky.Sneaky object: inert placeholders, tolerated because 'hps' is ignored.
        for (String file : List.of("checkpoint_zip.pth.tar", "checkpoint_legacy_cuda.pth.tar")) {
            StateDict sd = StateDict.read(Fixtures.golden(file));
            assertEquals(1234, sd.step().orElseThrow());
            assertTrue(sd.tensors().keySet().stream().noneMatch(k -> k.startsWith("module.")), file);
            assertTrue(sd.metadata().isEmpty());
        }
    }

    @Test
    void safetensorsMetadataIsExposed() throws IOException {
        StateDict sd = StateDict.read(Fixtures.golden("state_dict.safetensors"));
        assertEquals(Map.of("format", "pt", "source", "make_checkpoint_fixtures.py"), sd.metadata());
        assertFalse(sd.step().isPresent());
    }

    @Test
    void allFormatsAgreeByteForByte() throws IOException {
        StateDict zip = StateDict.read(Fixtures.golden("state_dict_zip.pt"));
        for (String file : List.of("state_dict_legacy.pt", "checkpoint_zip.pth.tar", "checkpoint_legacy_cuda.pth.tar",
                "state_dict.safetensors")) {
            StateDict other = StateDict.read(Fixtures.golden(file));
            zip.tensors().forEach((k, v) -> assertTrue(v.contentEquals(other.get(k)), file + ": " + k));
        }
    }

    static String sha256(ByteBuffer data) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(data.duplicate());
        return HexFormat.of().formatHex(md.digest());
    }
}
