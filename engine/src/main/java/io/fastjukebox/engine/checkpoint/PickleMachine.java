package io.fastjukebox.engine.checkpoint;

import io.fastjukebox.engine.checkpoint.PickleValues.IgnoresBuild;
import io.fastjukebox.engine.checkpoint.PickleValues.Placeholder;
import io.fastjukebox.engine.checkpoint.PickleValues.PyCallable;
import io.fastjukebox.engine.checkpoint.PickleValues.PyTuple;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, closed pickle virtual machine (protocols 0–5) that builds plain Java values (see
 * {@link PickleValues}) and never runs code or instantiates a class named by the data.
 *
 * <p>GLOBAL / STACK_GLOBAL / INST go through {@link Globals}, which returns an allow-listed callable,
 * an inert {@link Placeholder}, or refuses. REDUCE / NEWOBJ / OBJ call only those callables. BUILD
 * is ignored on dicts (so an OrderedDict's {@code _metadata} state cannot wipe it), placeholders and
 * objects marked {@link IgnoresBuild}; anywhere else it is an error. EXT1/2/4 (copyreg extension
 * registry) and out-of-band buffers (NEXT_BUFFER, READONLY_BUFFER) are refused.
 *
 * <p>Bounds: every length is checked against the bytes that remain; at most {@link #MAX_ITEMS}
 * pushes, container insertions and memo entries per pickle; MARK nesting at most {@link #MAX_DEPTH};
 * numeric text at most 4096 bytes; LONG4 at most 64 KiB.
 */
final class PickleMachine {
    /** Resolves GLOBAL references: an allowed object, a {@link Placeholder}, or an exception. */
    interface Globals {
        Object resolve(String module, String name) throws IOException;
    }

    /** Resolves persistent ids (PERSID / BINPERSID); {@code null} where none are expected. */
    interface PersistentLoader {
        Object load(Object pid) throws IOException;
    }

    static final long MAX_ITEMS = 1 << 24;
    static final int MAX_DEPTH = 4096;
    private static final int MAX_NUMBER_LINE = 4096;
    private static final int MAX_STRING_LINE = 1 << 28;
    private static final int MAX_LONG_BYTES = 1 << 16;

    private final Globals globals;
    private final PersistentLoader persistent;
    private PickleInput in;
    private ArrayList<Object> stack;
    private ArrayDeque<ArrayList<Object>> metastack;
    private Map<Long, Object> memo;
    private long items;

    PickleMachine(Globals globals, PersistentLoader persistent) {
        this.globals = globals;
        this.persistent = persistent;
    }

    /** Runs one pickle from the input's current position up to and including its STOP. */
    Object load(PickleInput input) throws IOException {
        in = input;
        stack = new ArrayList<>();
        metastack = new ArrayDeque<>();
        memo = new HashMap<>();
        items = 0;
        while (true) {
            int op = in.readByte();
            if (op == '.') {
                return pop();
            }
            step(op);
        }
    }

    private void step(int op) throws IOException {
        switch (op) {
            case 0x80 -> { int v = in.readByte(); if (v > 5) throw in.corrupt("unsupported pickle protocol " + v); }
            case 0x95 -> { long n = in.readLe(8); if (n < 0 || n > in.remaining()) throw in.corrupt("bad FRAME length " + n); }
            case '(' -> {
                if (metastack.size() >= MAX_DEPTH) throw in.corrupt("MARKs nested more than " + MAX_DEPTH + " deep");
                metastack.push(stack);
                stack = new ArrayList<>();
            }
            case '0' -> { if (stack.isEmpty()) popMark(); else stack.remove(stack.size() - 1); }
            case '1' -> popMark();
            case '2' -> push(peek());
            case 'N' -> push(null);
            case 0x88 -> push(Boolean.TRUE);
            case 0x89 -> push(Boolean.FALSE);
            case 'I' -> {
                byte[] line = in.readLine(MAX_NUMBER_LINE);
                String s = PickleText.ascii(line);
                push(s.equals("01") ? Boolean.TRUE : s.equals("00") ? Boolean.FALSE : PickleText.parseInt(line, in));
            }
            case 'J' -> push((long) (int) in.readLe(4));
            case 'K' -> push((long) in.readByte());
            case 'M' -> push(in.readLe(2));
            case 'L' -> push(PickleText.parseInt(in.readLine(MAX_NUMBER_LINE), in));
            case 0x8a -> push(PickleText.longFromLe(in.readBytes(in.readByte())));
            case 0x8b -> {
                int n = (int) in.readLe(4);
                if (n < 0 || n > MAX_LONG_BYTES) throw in.corrupt("LONG4 of " + n + " bytes");
                push(PickleText.longFromLe(in.readBytes(n)));
            }
            case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(in.readLe(8))));
            case 'F' -> push(PickleText.parseFloat(in.readLine(MAX_NUMBER_LINE), in));
            case 'S' -> push(PickleText.utf8(PickleText.quotedString(in.readLine(MAX_STRING_LINE), in)));
            case 'T' -> push(PickleText.utf8(in.readBytes((int) in.readLe(4))));
            case 'U' -> push(PickleText.utf8(in.readBytes(in.readByte())));
            case 'V' -> push(PickleText.rawUnicodeEscape(in.readLine(MAX_STRING_LINE), in));
            case 'X' -> push(PickleText.utf8(in.readBytes(in.readLe(4))));
            case 0x8c -> push(PickleText.utf8(in.readBytes(in.readByte())));
            case 0x8d -> push(PickleText.utf8(in.readBytes(in.readLe(8))));
            case 'B' -> push(in.readBytes(in.readLe(4)));
            case 'C' -> push(in.readBytes(in.readByte()));
            case 0x8e, 0x96 -> push(in.readBytes(in.readLe(8)));
            case ')' -> push(PyTuple.EMPTY);
            case 't' -> push(PyTuple.of(popMark()));
            case 0x85 -> push(new PyTuple(new Object[] {pop()}));
            case 0x86 -> { Object b = pop(); push(new PyTuple(new Object[] {pop(), b})); }
            case 0x87 -> { Object c = pop(); Object b = pop(); push(new PyTuple(new Object[] {pop(), b, c})); }
            case ']' -> push(new ArrayList<>());
            case 'l' -> push(new ArrayList<>(popMark()));
            case 'a' -> append(Collections.singletonList(pop()));
            case 'e' -> append(popMark());
            case '}' -> push(new LinkedHashMap<>());
            case 'd' -> { Map<Object, Object> d = new LinkedHashMap<>(); setItems(d, popMark()); push(d); }
            case 's' -> { Object v = pop(); Object k = pop(); setItems(peek(), pair(k, v)); }
            case 'u' -> { List<Object> kv = popMark(); setItems(peek(), kv); }
            case 0x8f -> push(new LinkedHashSet<>());
            case 0x90 -> { List<Object> add = popMark(); addItems(peek(), add); }
            case 0x91 -> { Set<Object> s = new LinkedHashSet<>(); addItems(s, popMark()); push(Collections.unmodifiableSet(s)); }
            case 'g' -> push(get(memoKey(PickleText.parseInt(in.readLine(MAX_NUMBER_LINE), in))));
            case 'h' -> push(get(in.readByte()));
            case 'j' -> push(get(in.readLe(4)));
            case 'p' -> put(memoKey(PickleText.parseInt(in.readLine(MAX_NUMBER_LINE), in)));
            case 'q' -> put(in.readByte());
            case 'r' -> put(in.readLe(4));
            case 0x94 -> put(memo.size());
            case 'c' -> {
                String module = PickleText.utf8(in.readLine(MAX_NUMBER_LINE));
                push(globals.resolve(module, PickleText.utf8(in.readLine(MAX_NUMBER_LINE))));
            }
            case 0x93 -> {
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw in.corrupt("STACK_GLOBAL needs two strings");
                }
                push(globals.resolve(m, n));
            }
            case 'R' -> { Object args = pop(); push(call(pop(), args, "REDUCE")); }
            case 0x81 -> { Object args = pop(); push(call(pop(), args, "NEWOBJ")); }
            case 0x92 -> {
                Object kwargs = pop();
                Object args = pop();
                Object cls = pop();
                if (!(cls instanceof Placeholder) && !(kwargs instanceof Map<?, ?> m && m.isEmpty())) {
                    throw in.corrupt("NEWOBJ_EX with keyword arguments");
                }
                push(call(cls, args, "NEWOBJ_EX"));
            }
            case 'i' -> {
                String module = PickleText.utf8(in.readLine(MAX_NUMBER_LINE));
                Object cls = globals.resolve(module, PickleText.utf8(in.readLine(MAX_NUMBER_LINE)));
                push(call(cls, PyTuple.of(popMark()), "INST"));
            }
            case 'o' -> {
                List<Object> args = popMark();
                if (args.isEmpty()) throw in.corrupt("OBJ without a class");
                push(call(args.get(0), PyTuple.of(args.subList(1, args.size())), "OBJ"));
            }
            case 'b' -> build(pop());
            case 'P' -> push(persistentLoad(PickleText.ascii(in.readLine(MAX_NUMBER_LINE))));
            case 'Q' -> push(persistentLoad(pop()));
            case 0x82, 0x83, 0x84 -> throw in.corrupt("extension registry opcodes (EXT1/2/4) are not supported");
            case 0x97, 0x98 -> throw in.corrupt("out-of-band buffers are not supported");
            default -> throw in.corrupt(String.format("unknown opcode 0x%02x", op));
        }
    }

    private void count(long n) throws IOException {
        items += n;
        if (items > MAX_ITEMS) {
            throw in.corrupt("more than " + MAX_ITEMS + " objects in one pickle");
        }
    }

    private void push(Object o) throws IOException {
        count(1);
        stack.add(o);
    }

    private Object pop() throws IOException {
        if (stack.isEmpty()) {
            throw in.corrupt(metastack.isEmpty() ? "stack underflow" : "unexpected MARK on the stack");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws IOException {
        if (stack.isEmpty()) {
            throw in.corrupt("stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() throws IOException {
        if (metastack.isEmpty()) {
            throw in.corrupt("no MARK to pop to");
        }
        List<Object> top = stack;
        stack = metastack.pop();
        return top;
    }

    private static List<Object> pair(Object k, Object v) {
        List<Object> kv = new ArrayList<>(2);
        kv.add(k);
        kv.add(v);
        return kv;
    }

    private void append(List<Object> values) throws IOException {
        Object target = peek();
        if (target instanceof ArrayList<?>) {
            count(values.size());
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) target;
            list.addAll(values);
        } else if (!(target instanceof Placeholder)) {
            throw in.corrupt("APPEND to " + PickleValues.describe(target));
        }
    }

    private void setItems(Object target, List<Object> kv) throws IOException {
        if (kv.size() % 2 != 0) {
            throw in.corrupt("odd number of items for a dict");
        }
        if (target instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> dict = (Map<Object, Object>) target;
            count(kv.size());
            for (int i = 0; i < kv.size(); i += 2) {
                PickleValues.checkHashable(kv.get(i), in);
                dict.put(kv.get(i), kv.get(i + 1));
            }
        } else if (!(target instanceof Placeholder)) {
            throw in.corrupt("SETITEM on " + PickleValues.describe(target));
        }
    }

    private void addItems(Object target, List<Object> values) throws IOException {
        if (target instanceof HashSet<?>) {
            @SuppressWarnings("unchecked")
            Set<Object> set = (Set<Object>) target;
            count(values.size());
            for (Object v : values) {
                PickleValues.checkHashable(v, in);
                set.add(v);
            }
        } else if (!(target instanceof Placeholder)) {
            throw in.corrupt("ADDITEMS on " + PickleValues.describe(target));
        }
    }

    private static long memoKey(Object key) {
        return key instanceof Long l ? l : -1;
    }

    private Object get(long key) throws IOException {
        Object v = memo.get(key);
        if (v == null && !memo.containsKey(key)) {
            throw in.corrupt("memo key " + key + " is missing");
        }
        return v;
    }

    private void put(long key) throws IOException {
        if (key < 0) {
            throw in.corrupt("bad memo key");
        }
        count(1);
        memo.put(key, peek());
    }

    private Object call(Object callee, Object args, String op) throws IOException {
        if (!(args instanceof PyTuple tuple)) {
            throw in.corrupt(op + " arguments are " + PickleValues.describe(args) + ", not a tuple");
        }
        if (callee instanceof Placeholder p) {
            return p.instance();
        }
        if (callee instanceof PyCallable c) {
            return c.call(tuple);
        }
        throw in.corrupt(op + " on " + PickleValues.describe(callee) + ", which is not callable");
    }

    private void build(Object state) throws IOException {
        Object target = peek();
        if (!(target instanceof Map) && !(target instanceof IgnoresBuild)) {
            throw in.corrupt("BUILD on " + PickleValues.describe(target));
        }
    }

    private Object persistentLoad(Object pid) throws IOException {
        if (persistent == null) {
            throw in.corrupt("persistent id where none is expected");
        }
        return persistent.load(pid);
    }
}
