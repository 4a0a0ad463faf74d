package io.fastjukebox.engine.checkpoint;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Java side of unpickled Python values.
 *
 * <p>Mapping: {@code None} → {@code null}; bool → {@link Boolean}; int → {@link Long}, or
 * {@link BigInteger} beyond 64 bits; float → {@link Double}; str → {@link String}; bytes and
 * bytearray → {@code byte[]}; tuple → {@link PyTuple}; list → {@link java.util.ArrayList}; dict and
 * OrderedDict → {@link java.util.LinkedHashMap}; set → {@link java.util.LinkedHashSet}; frozenset →
 * an unmodifiable {@link Set}; a global that is not allow-listed → {@link Placeholder}.
 *
 * <p>Nothing here ever calls {@code toString}, {@code hashCode} or {@code equals} on a container of
 * unbounded depth: dict keys and set members are checked by {@link #checkHashable} first, and
 * {@link #findPlaceholder} walks iteratively, so a hostile pickle cannot overflow the Java stack.
 */
final class PickleValues {
    /** How deeply tuples and frozensets used as dict keys or set members may nest. */
    static final int MAX_KEY_DEPTH = 32;

    private PickleValues() {}

    /** A Python tuple. Immutable; equality by content (only ever used on depth-checked keys). */
    static final class PyTuple {
        static final PyTuple EMPTY = new PyTuple(new Object[0]);
        private final Object[] items;

        PyTuple(Object[] items) {
            this.items = items;
        }

        static PyTuple of(List<Object> items) {
            return new PyTuple(items.toArray());
        }

        int size() {
            return items.length;
        }

        Object get(int i) {
            return items[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PyTuple t && Arrays.equals(items, t.items);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(items);
        }

        @Override
        public String toString() {
            return "a tuple of " + items.length;
        }
    }

    /** A function or class the pickle may call (REDUCE, NEWOBJ): only allow-listed ones exist. */
    interface PyCallable {
        Object call(PyTuple args) throws IOException;
    }

    /** Objects on which the pickle's BUILD (state restore) is accepted and ignored. */
    interface IgnoresBuild {}

    /**
     * An inert stand-in for a global that is not allow-listed, or for anything "made" from one.
     * Calling it, building it or adding items to it never runs code: the result is just another
     * placeholder (or the items are dropped). Placeholders are tolerated only inside top-level
     * entries the reader ignores; see {@link TorchGlobals}.
     */
    static final class Placeholder implements IgnoresBuild {
        final String global;
        final boolean instance;

        Placeholder(String global, boolean instance) {
            this.global = global;
            this.instance = instance;
        }

        Placeholder instance() {
            return instance ? this : new Placeholder(global, true);
        }

        @Override
        public String toString() {
            return (instance ? "an object made by " : "the global ") + global;
        }
    }

    /** Python's "unhashable type" check, plus a depth limit; identity hashing for other objects. */
    static void checkHashable(Object key, PickleInput in) throws IOException {
        String problem = unhashable(key, 0);
        if (problem != null) {
            throw in.corrupt(problem);
        }
    }

    /** Why {@code key} cannot be a dict key or set member, or {@code null} if it can. */
    static String unhashable(Object key, int depth) {
        if (depth > MAX_KEY_DEPTH) {
            return "dict key or set member nested more than " + MAX_KEY_DEPTH + " levels deep";
        }
        if (key instanceof List || key instanceof Map || key instanceof HashSet) {
            return "unhashable " + describe(key) + " used as a dict key or set member";
        }
        Iterable<?> parts = key instanceof PyTuple t ? Arrays.asList(t.items) : key instanceof Set<?> s ? s : List.of();
        for (Object item : parts) {
            String problem = unhashable(item, depth + 1);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** The first placeholder reachable from {@code root}, or {@code null}; iterative, cycle-safe. */
    static Placeholder findPlaceholder(Object root) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object> todo = new ArrayDeque<>();
        if (root != null) {
            todo.push(root);
        }
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (o instanceof Placeholder p) {
                return p;
            }
            if (!seen.add(o)) {
                continue;
            }
            if (o instanceof PyTuple t) {
                pushAll(todo, Arrays.asList(t.items));
            } else if (o instanceof List<?> l) {
                pushAll(todo, l);
            } else if (o instanceof Set<?> s) {
                pushAll(todo, s);
            } else if (o instanceof Map<?, ?> m) {
                pushAll(todo, m.keySet());
                pushAll(todo, m.values());
            }
        }
        return null;
    }

    private static void pushAll(ArrayDeque<Object> todo, Iterable<?> items) {
        for (Object item : items) {
            if (item != null) {
                todo.push(item);
            }
        }
    }

    /**
     * {@code s} in single quotes for an error message: at most 80 characters, control and
     * non-ASCII characters escaped, so file content cannot garble or flood a message.
     */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.append(s.length() > 80 ? "...'" : "'").toString();
    }

    /** A short, bounded noun phrase for a value's type in error messages, e.g. "an int" (never its content). */
    static String describe(Object o) {
        if (o == null) {
            return "None";
        } else if (o instanceof Boolean) {
            return "a bool";
        } else if (o instanceof Long || o instanceof BigInteger) {
            return "an int";
        } else if (o instanceof Double) {
            return "a float";
        } else if (o instanceof String) {
            return "a str";
        } else if (o instanceof byte[]) {
            return "bytes";
        } else if (o instanceof List) {
            return "a list";
        } else if (o instanceof Map) {
            return "a dict";
        } else if (o instanceof HashSet) {
            return "a set";
        } else if (o instanceof Set) {
            return "a frozenset";
        } else if (o instanceof PyCallable) {
            return "a function";
        }
        return o instanceof TorchRefs.StorageRef ? "a " + o : o.toString(); // our own types only: PyTuple, Placeholder, torch objects; all bounded
    }
}
