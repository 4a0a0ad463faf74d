package io.fastjukebox.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fastjukebox.engine.checkpoint.Fixtures.Pickle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Malicious, truncated and garbage files: refused with an IOException naming the path, nothing executed. */
class HostileCheckpointTest {
    @TempDir
    Path dir;

    @BeforeEach
    void noLeftoverMarker() throws IOException {
        Files.deleteIfExists(Fixtures.PWNED);
    }

    @AfterEach
    void nothingWasExecuted() {
        assertFalse(Files.exists(Fixtures.PWNED), "a payload ran: " + Fixtures.PWNED + " exists");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "evil_legacy_os_system.pth.tar, os.system", // REDUCE os.system inside the legacy state dict
        "evil_zip_os_system.pt, os.system", // REDUCE os.system as the whole zip pickle
        "evil_zip_hps_posix_system.pth.tar, posix.system", // inside ignored 'hps': still refused (deny-list)
        "evil_builtins_eval.pkl, builtins.eval", // protocol 4 STACK_GLOBAL builtins.eval
        "unknown_global_in_state_dict.pt, sneaky.Sneaky"}) // harmless class, but in the state dict
    void maliciousFilesAreRefusedNamingTheGlobal(String file, String global) {
        Path path = Fixtures.golden(file);
        UnsafeCheckpointException e = assertThrows(UnsafeCheckpointException.class, () -> StateDict.read(path));
        assertEquals(path + ": refusing to load: pickle references forbidden global '" + global + "'", e.getMessage());
        assertEquals(global, e.global());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "truncated_zip.pt, not a valid zip archive",
        "truncated_legacy.pt, truncated",
        "random.bin, not a PyTorch or safetensors checkpoint",
        "empty.bin, empty file"})
    void damagedFilesGiveAnIoExceptionStartingWithThePath(String file, String what) {
        Path path = Fixtures.golden(file);
        IOException e = assertThrows(IOException.class, () -> StateDict.read(path));
        assertFalse(e instanceof UnsafeCheckpointException);
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void missingFileNamesThePath() {
        Path path = dir.resolve("nope.pt");
        IOException e = assertThrows(IOException.class, () -> StateDict.read(path));
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    }

    /** Every prefix of every valid file is an IOException naming the path, never another exception. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"state_dict_legacy.pt", "checkpoint_legacy_cuda.pth.tar", "state_dict.safetensors",
        "state_dict_zip.pt", "checkpoint_zip.pth.tar", "plain_data_p2.pkl"})
    void everyTruncationIsACleanIoException(String file) throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.golden(file));
        Path cut = dir.resolve("cut-" + file);
        boolean zip = whole[0] == 'P';
        for (int n = 0; n < whole.length; n++) {
            if (zip && n > 64 && n < whole.length - 256 && n % 17 != 0) {
                continue; // a zip without its end is refused up front; sample the middle
            }
            Files.write(cut, Arrays.copyOf(whole, n));
            expectCleanFailureOrSuccess(cut, false);
        }
    }

    /** Seeded random corruption: either a successful read or an IOException naming the path. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"checkpoint_legacy_cuda.pth.tar", "checkpoint_zip.pth.tar", "state_dict.safetensors",
        "evil_legacy_os_system.pth.tar"})
    void randomByteFlipsNeverEscapeAsOtherExceptions(String file) throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.golden(file));
        Random random = new Random(file.hashCode());
        Path bad = dir.resolve("bad-" + file);
        for (int round = 0; round < 1000; round++) {
            byte[] b = whole.clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            Files.write(bad, b);
            expectCleanFailureOrSuccess(bad, true);
        }
    }

    private static void expectCleanFailureOrSuccess(Path file, boolean successAllowed) {
        try {
            StateDict.read(file);
            if (!successAllowed) {
                fail(file + " (" + size(file) + " bytes) was read although truncated");
            }
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        } catch (RuntimeException e) {
            throw new AssertionError(file + " (" + size(file) + " bytes): escaped as " + e, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({"subprocess, Popen", "__builtin__, getattr", "posix, system", "nt, system", "builtins, exec",
        "os.path, join", "importlib, import_module", "numpy.testing._private.utils, runstring", "anything, eval"})
    void codeExecutionPrimitivesAreRefusedEvenInsideIgnoredEntries(String module, String name) throws IOException {
        // {'model': {}, 'hps': <global>(..)} -- the 'hps' entry would otherwise be ignored
        byte[] pkl = new Pickle().proto(2).emptyDict().mark()
                .str("model").emptyDict()
                .str("hps").global(module, name).mark().str("echo hi").tuple().reduce()
                .op('u').stop().bytes();
        Path file = Fixtures.torchZip(dir.resolve("deny.pt"), pkl, Map.of());
        UnsafeCheckpointException e = assertThrows(UnsafeCheckpointException.class, () -> StateDict.read(file));
        assertEquals(module + "." + name, e.global());
    }

    @Test
    void unknownGlobalsAreInertInsideIgnoredEntriesButRefusedAnywhereElse() throws IOException {
        Pickle weight = new Pickle().str("w").tensor1d("0", 2);
        byte[] storage = {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40}; // 1f, 2f
        // ignored 'hps' holding a placeholder that is called, built, and filled: fine
        byte[] ok = new Pickle().proto(2).emptyDict().mark()
                .str("model").global("collections", "OrderedDict").op(')').reduce().raw(weight.bytes()).setitem()
                .str("hps").global("some.module", "Config").op(')').op(0x81).mark().str("a").binint1(1).op('u')
                .emptyDict().op('b').global("numpy", "dtype").mark().str("f8").tuple().reduce().op(0x86)
                .op('u').stop().bytes();
        StateDict sd = StateDict.read(Fixtures.torchZip(dir.resolve("ok.pt"), ok, Map.of("0", storage)));
        assertEquals(2f, sd.get("w").toFloatArray()[1]);

        // the same placeholder as a state-dict value, as a key, as the top level, as a storage argument
        byte[] asValue = new Pickle().proto(2).emptyDict().str("w").global("some.module", "Config").op(')').reduce()
                .setitem().stop().bytes();
        byte[] asKey = new Pickle().proto(2).emptyDict().global("some.module", "Config").str("w").setitem().stop().bytes();
        byte[] asTop = new Pickle().proto(2).global("some.module", "Config").op(')').reduce().stop().bytes();
        byte[] inTorchCall = new Pickle().proto(2).emptyDict().str("hps").global("torch._utils", "_rebuild_tensor")
                .mark().global("some.module", "Config").binint1(0).op(')').op(')').tuple().reduce().setitem()
                .str("model").emptyDict().setitem().stop().bytes();
        byte[] inModelList = new Pickle().proto(2).emptyDict().str("model").op(']').global("some.module", "Config")
                .op('a').setitem().stop().bytes();
        for (byte[] pkl : new byte[][] {asValue, asKey, asTop, inTorchCall, inModelList}) {
            Path file = Fixtures.torchZip(dir.resolve("bad.pt"), pkl, Map.of("0", storage));
            UnsafeCheckpointException e = assertThrows(UnsafeCheckpointException.class, () -> StateDict.read(file));
            assertEquals("some.module.Config", e.global());
        }
    }

    @Test
    void orderedDictMetadataBuildDoesNotWipeTheStateDict() throws IOException {
        byte[] pkl = new Pickle().proto(2).global("collections", "OrderedDict").op(')').reduce()
                .raw(new Pickle().str("w").tensor1d("0", 2).bytes()).setitem()
                .emptyDict().str("_metadata").global("collections", "OrderedDict").op(')').reduce().setitem().op('b')
                .stop().bytes();
        StateDict sd = StateDict.read(Fixtures.torchZip(dir.resolve("m.pt"), pkl, Map.of("0", new byte[8])));
        assertEquals(1, sd.tensors().size());
    }

    @Test
    void storageSizesAreCheckedAgainstTheFileBeforeAllocating() throws IOException {
        // a storage claiming 2^40 floats in a tiny file
        byte[] pkl = new Pickle().proto(2).emptyDict().str("w").global("torch._utils", "_rebuild_tensor_v2").mark()
                .mark().str("storage").global("torch", "FloatStorage").str("0").str("cpu").op(0x8a).raw(6, 0, 0, 0, 0, 0, 1)
                .tuple().op('Q').binint1(0).binint1(1).op(0x85).binint1(1).op(0x85).op(0x89).none().tuple().reduce()
                .setitem().stop().bytes();
        Path file = Fixtures.torchZip(dir.resolve("huge.pt"), pkl, Map.of());
        IOException e = assertThrows(IOException.class, () -> StateDict.read(file));
        assertTrue(e.getMessage().contains("declares 1099511627776 elements"), e.getMessage());

        // a view reaching past its storage
        byte[] outside = new Pickle().proto(2).emptyDict().str("w").tensor1d("0", 2).setitem().stop().bytes();
        Path small = Fixtures.torchZip(dir.resolve("small.pt"), outside, Map.of("0", new byte[4]));
        e = assertThrows(IOException.class, () -> StateDict.read(small));
        assertTrue(e.getMessage().contains("has 4 bytes in the archive but the pickle declares 8"), e.getMessage());
    }

    @Test
    void manyStridedViewsOfOneStorageCannotAmplifyAllocation() throws IOException {
        // 20000 keys, each a stride-0 view of 100000 elements over a 1-element storage
        Pickle p = new Pickle().proto(2).emptyDict().mark();
        for (int i = 0; i < 20000; i++) {
            p.str("k" + i).global("torch._utils", "_rebuild_tensor").mark().floatStorage("0", 1).binint1(0)
                    .op('J').le(100000, 4).op(0x85).binint1(0).op(0x85).tuple().reduce();
        }
        Path file = Fixtures.torchZip(dir.resolve("amp.pt"), p.op('u').stop().bytes(), Map.of("0", new byte[4]));
        IOException e = assertThrows(IOException.class, () -> StateDict.read(file));
        assertInstanceOf(IOException.class, e);
        assertTrue(e.getMessage().contains("refusing to allocate"), e.getMessage());
    }
}
