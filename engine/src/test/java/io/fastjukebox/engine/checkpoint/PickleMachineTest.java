package io.fastjukebox.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.checkpoint.Fixtures.Pickle;
import io.fastjukebox.engine.checkpoint.PickleValues.Placeholder;
import io.fastjukebox.engine.checkpoint.PickleValues.PyTuple;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pickle machine on its own: every protocol Python writes, hand-made edge cases, and its bounds. */
class PickleMachineTest {

    static Object run(byte[] pickle) throws IOException {
        TorchGlobals globals = new TorchGlobals("test.pkl", pickle.length, false);
        return new PickleMachine(globals, null)
                .load(new PickleInput(new ByteArrayInputStream(pickle), pickle.length, "test.pkl", "pickle"));
    }

    private static PyTuple tuple(Object... items) {
        return new PyTuple(items);
    }

    /** What {@code plain_data()} in make_checkpoint_fixtures.py pickles, as the machine should decode it. */
    private static Map<Object, Object> plainData() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("none", null);
        m.put("true", true);
        m.put("false", false);
        m.put("ints", List.of(0L, 7L, 255L, 256L, 65535L, 65536L, -1L, -123456L, 2147483647L, -2147483648L,
                Long.MAX_VALUE, Long.MIN_VALUE, BigInteger.TWO.pow(100).add(BigInteger.ONE), BigInteger.TWO.pow(70).negate()));
        m.put("floats", List.of(3.141592653589793, -0.0, 1e300, Double.POSITIVE_INFINITY, Double.MIN_VALUE));
        m.put("str", "h\u00e9llo\n\\ '\"\u20ac\uD83D\uDE00");
        m.put("bytes", new byte[] {0, (byte) 0xff, '\n', '\\', 'a', 'b', 'c'});
        m.put("bytearray", new byte[] {'x', 'y', 0});
        m.put("tuples", tuple(1L, tuple(2L, 3L), tuple(), tuple("x")));
        m.put("list", List.of(1L, List.of(2L, List.of(3L)), List.of()));
        m.put("set", new HashSet<>(List.of(1L, 2L)));
        m.put("frozenset", Set.of("a"));
        m.put(tuple(1L, "a"), "tuple key");
        m.put("shared", List.of(List.of(1L, 2L), List.of(1L, 2L)));
        return m;
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void decodesEveryPlainValueInEveryProtocol(int protocol) throws IOException {
        Object got = run(Files.readAllBytes(Fixtures.golden("plain_data_p" + protocol + ".pkl")));
        assertPyEquals(plainData(), got, "");
        List<?> shared = (List<?>) ((Map<?, ?>) got).get("shared");
        assertSame(shared.get(0), shared.get(1), "memo keeps shared objects shared");
        assertInstanceOf(HashSet.class, ((Map<?, ?>) got).get("set"));
    }

    static void assertPyEquals(Object want, Object got, String where) {
        if (want instanceof PyTuple t) {
            PyTuple g = assertInstanceOf(PyTuple.class, got, where);
            assertEquals(t.size(), g.size(), where);
            for (int i = 0; i < t.size(); i++) {
                assertPyEquals(t.get(i), g.get(i), where + "[" + i + "]");
            }
        } else if (want instanceof List<?> l) {
            List<?> g = assertInstanceOf(List.class, got, where);
            assertEquals(l.size(), g.size(), where);
            for (int i = 0; i < l.size(); i++) {
                assertPyEquals(l.get(i), g.get(i), where + "[" + i + "]");
            }
        } else if (want instanceof Map<?, ?> m) {
            Map<?, ?> g = assertInstanceOf(Map.class, got, where);
            assertEquals(m.size(), g.size(), where);
            var gi = g.entrySet().iterator();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Map.Entry<?, ?> ge = gi.next();
                assertPyEquals(e.getKey(), ge.getKey(), where + " key");
                assertPyEquals(e.getValue(), ge.getValue(), where + "." + e.getKey());
            }
        } else if (want instanceof Set<?> s) {
            assertEquals(s, assertInstanceOf(Set.class, got, where), where);
        } else if (want instanceof byte[] b) {
            assertArrayEquals(b, assertInstanceOf(byte[].class, got, where), where);
        } else {
            assertEquals(want, got, where); // Long, BigInteger, Double (by bits: -0.0 != 0.0), String, Boolean, null
        }
    }

    @Test
    void protocolZeroTextFormsDecode() throws IOException {
        // MARK LIST PUT, INT, bool INT, LONG, FLOAT, STRING with escapes, UNICODE, GET, TUPLE, DICT, SETITEM,
        // then POP_MARK and POP
        String text = "(lp0\nI42\naI01\naL-18446744073709551616L\naF-1.5e-3\naS'a\\'b\\n\\x41\\101'\np1\naV\\u20ac\\x\n"
                + "ag1\na(I1\nI2\ntp2\na(dp3\nS\"k\"\nNsa(N1N0.";
        Object got = run(text.getBytes(StandardCharsets.ISO_8859_1));
        assertPyEquals(Arrays.asList(42L, true, BigInteger.TWO.pow(64).negate(), -1.5e-3, "a'b\nAA", "\u20ac\\x", "a'b\nAA",
                tuple(1L, 2L), singletonNull("k")), got, "");
    }

    private static Map<Object, Object> singletonNull(String key) {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(key, null);
        return m;
    }

    @Test
    void binaryStringsDupPopAndMemoOpcodes() throws IOException {
        byte[] p = new Pickle().proto(2).op(']').op('T').le(3, 4).text("abc").op('a').op('U').raw(2).text("hi")
                .op('2').op('0').op('a').op(0x8d).le(1, 8).text("z").op(0x94).op('a').op(0x8e).le(2, 8).raw(1, 2).op('a')
                .op(0x96).le(1, 8).raw(9).op('a').op(0x95).le(3, 8).op('j').le(0, 4).op('a').stop().bytes();
        Object got = run(p);
        assertPyEquals(Arrays.asList("abc", "hi", "z", new byte[] {1, 2}, new byte[] {9}, "z"), got, "");
    }

    @Test
    void unknownGlobalsBecomeInertPlaceholdersThatNeverRun() throws IOException {
        // INST, OBJ, NEWOBJ_EX and REDUCE on an unknown class, then BUILD / SETITEMS / APPENDS on the results
        byte[] p = new Pickle().proto(4).op(']').mark().text("ijukebox.hparams\nHyperparams\n").op('a')
                .mark().global("a.b", "C").str("x").op('o').op('a')
                .global("a.b", "C").op(')').op('}').op(0x92).mark().str("k").none().op('u').op('}').op('b').op('a')
                .op(0x8c).raw(3).text("x.y").op(0x8c).raw(1).text("Z").op(0x93).mark().op('t').reduce()
                .mark().binint1(1).op('e').op('a').stop().bytes();
        List<?> got = assertInstanceOf(List.class, run(p));
        assertEquals(4, got.size());
        for (Object o : got) {
            assertTrue(assertInstanceOf(Placeholder.class, o).instance);
        }
        assertEquals("jukebox.hparams.Hyperparams", ((Placeholder) got.get(0)).global);
        assertEquals("x.y.Z", ((Placeholder) got.get(3)).global);
    }

    @Test
    void stringLiteralsWithBadEscapesOrQuotesAreRejected() {
        for (String bad : new String[] {"S'abc\n.", "Sabc\n.", "S'\\x4'\n.", "V\\u12\n.", "Iabc\n.", "F1.2.3\n.", "L12x\n."}) {
            IOException e = assertThrows(IOException.class, () -> run(bad.getBytes(StandardCharsets.ISO_8859_1)), bad);
            assertTrue(e.getMessage().startsWith("test.pkl: corrupt pickle (pickle) at byte "), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "empty", "stack underflow", "pop past mark", "missing memo", "protocol 6", "ext1", "next buffer", "unknown opcode",
        "list as dict key", "append to int", "odd dict", "huge unicode", "negative bytes8", "long4 too long", "bad frame",
        "setitems without mark", "reduce non-callable", "reduce non-tuple", "stack_global non-string", "persistent id"})
    void malformedPicklesAreCleanIoExceptions(String name) {
        byte[] p = switch (name) {
            case "empty" -> new byte[0];
            case "stack underflow" -> new Pickle().proto(2).stop().bytes();
            case "pop past mark" -> new Pickle().proto(2).mark().op('0').op('0').stop().bytes();
            case "missing memo" -> new Pickle().proto(2).op('h').raw(7).stop().bytes();
            case "protocol 6" -> new Pickle().proto(6).none().stop().bytes();
            case "ext1" -> new Pickle().proto(2).op(0x82).raw(1).stop().bytes();
            case "next buffer" -> new Pickle().proto(5).op(0x97).stop().bytes();
            case "unknown opcode" -> new Pickle().proto(2).op(0xff).bytes();
            case "list as dict key" -> new Pickle().proto(2).op('}').op(']').none().setitem().stop().bytes();
            case "append to int" -> new Pickle().proto(2).binint1(1).none().op('a').stop().bytes();
            case "odd dict" -> new Pickle().proto(2).mark().none().op('d').stop().bytes();
            case "huge unicode" -> new Pickle().proto(2).op('X').le(0xfffffff0L, 4).text("abc").bytes();
            case "negative bytes8" -> new Pickle().proto(4).op(0x8e).le(-5, 8).bytes();
            case "long4 too long" -> new Pickle().proto(2).op(0x8b).le(1 << 20, 4).bytes();
            case "bad frame" -> new Pickle().proto(4).op(0x95).le(1000, 8).none().stop().bytes();
            case "setitems without mark" -> new Pickle().proto(2).op('}').op('u').stop().bytes();
            case "reduce non-callable" -> new Pickle().proto(2).binint1(3).op(')').reduce().stop().bytes();
            case "reduce non-tuple" -> new Pickle().proto(2).global("a", "B").binint1(3).reduce().stop().bytes();
            case "stack_global non-string" -> new Pickle().proto(4).binint1(1).binint1(2).op(0x93).stop().bytes();
            case "persistent id" -> new Pickle().proto(2).str("x").op('Q').stop().bytes();
            default -> throw new AssertionError(name);
        };
        IOException e = assertThrows(IOException.class, () -> run(p));
        assertTrue(e.getMessage().startsWith("test.pkl: "), e.getMessage());
    }

    @Test
    void boundsHoldAgainstDeepNestingAndAmplification() {
        // MARK nesting
        byte[] marks = new byte[PickleMachine.MAX_DEPTH + 2];
        Arrays.fill(marks, (byte) '(');
        assertTrue(assertThrows(IOException.class, () -> run(marks)).getMessage().contains("MARKs nested"));

        // a tuple nested 100000 deep used as a dict key: refused, no StackOverflowError
        Pickle deep = new Pickle().proto(2).op('}').none();
        for (int i = 0; i < 100_000; i++) {
            deep.op(0x85);
        }
        byte[] deepKey = deep.none().setitem().stop().bytes();
        assertTrue(assertThrows(IOException.class, () -> run(deepKey)).getMessage().contains("nested more than"));

        // push/pop forever: bounded work, not just bounded memory
        byte[] churn = new byte[(int) (2 * PickleMachine.MAX_ITEMS + 4)];
        churn[0] = (byte) 0x80;
        churn[1] = 2;
        for (int i = 2; i + 1 < churn.length; i += 2) {
            churn[i] = 'N';
            churn[i + 1] = '0';
        }
        assertTrue(assertThrows(IOException.class, () -> run(churn)).getMessage().contains("objects in one pickle"));
    }

    @Test
    void placeholderSearchIsLinearOnSharedDagsAndCycles() throws IOException {
        // list_k = [list_{k-1}, list_{k-1}], 200 levels: 2^200 paths, 200 nodes; a cycle closes the top
        Pickle p = new Pickle().proto(2).op(']').op('q').raw(0).global("deep", "Thing").op('a');
        for (int k = 1; k <= 200; k++) {
            p.op(']').mark().op('h').raw(0).op('h').raw(0).op('e').op('q').raw(0);
        }
        byte[] dag = p.op('2').op('a').stop().bytes();
        Object root = run(dag);
        Placeholder found = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> PickleValues.findPlaceholder(root));
        assertEquals("deep.Thing", found.global);
    }
}
