package io.fastjukebox.engine.checkpoint;

import io.fastjukebox.engine.checkpoint.PickleValues.Placeholder;
import io.fastjukebox.engine.checkpoint.PickleValues.PyCallable;
import io.fastjukebox.engine.checkpoint.PickleValues.PyTuple;
import io.fastjukebox.engine.checkpoint.TorchRefs.DtypeRef;
import io.fastjukebox.engine.checkpoint.TorchRefs.StorageClass;
import io.fastjukebox.engine.checkpoint.TorchRefs.StorageRef;
import io.fastjukebox.engine.checkpoint.TorchRefs.TensorRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The allow-list of Python globals for torch checkpoints, the torch rebuild functions, and the
 * persistent-id loader that turns {@code ('storage', cls, key, location, numel[, view])} into
 * {@link StorageRef}s. One instance per file; it records every storage the pickle declares.
 *
 * <p>A global resolves to one of three things: an allow-listed object (below); a refusal
 * ({@link UnsafeCheckpointException}) for modules and names that are code-execution primitives
 * ({@code os}, {@code posix}, {@code subprocess}, non-allow-listed {@code builtins}, {@code eval},
 * {@code getattr}, …), wherever they appear, even in ignored entries; or, for anything else, an inert
 * {@link Placeholder}. Torch functions refuse a placeholder anywhere in their arguments.
 */
final class TorchGlobals implements PickleMachine.Globals, PickleMachine.PersistentLoader {
    private static final Map<String, TensorDtype> STORAGES = Map.of("Float", TensorDtype.F32, "Half", TensorDtype.F16,
            "BFloat16", TensorDtype.BF16, "Double", TensorDtype.F64, "Long", TensorDtype.I64, "Int", TensorDtype.I32,
            "Short", TensorDtype.I16, "Char", TensorDtype.I8, "Byte", TensorDtype.U8, "Bool", TensorDtype.BOOL);
    private static final Set<String> UNSUPPORTED_STORAGES = Set.of("ComplexFloat", "ComplexDouble", "QUInt8", "QInt8",
            "QInt32", "QUInt4x2", "QUInt2x4");
    private static final Map<String, TensorDtype> DTYPES = Map.ofEntries(Map.entry("float32", TensorDtype.F32),
            Map.entry("float", TensorDtype.F32), Map.entry("float16", TensorDtype.F16), Map.entry("half", TensorDtype.F16),
            Map.entry("bfloat16", TensorDtype.BF16), Map.entry("float64", TensorDtype.F64),
            Map.entry("double", TensorDtype.F64), Map.entry("int64", TensorDtype.I64), Map.entry("long", TensorDtype.I64),
            Map.entry("int32", TensorDtype.I32), Map.entry("int", TensorDtype.I32), Map.entry("int16", TensorDtype.I16),
            Map.entry("short", TensorDtype.I16), Map.entry("int8", TensorDtype.I8), Map.entry("uint8", TensorDtype.U8),
            Map.entry("bool", TensorDtype.BOOL));
    private static final Set<String> UNSUPPORTED_DTYPES = Set.of("complex32", "chalf", "complex64", "cfloat",
            "complex128", "cdouble", "uint16", "uint32", "uint64", "float8_e4m3fn", "float8_e5m2", "float8_e4m3fnuz",
            "float8_e5m2fnuz", "float8_e8m0fnu", "qint8", "quint8", "qint32", "quint4x2", "quint2x4");
    private static final Set<String> INERT_BUILTINS = Set.of("object", "slice", "complex", "range");
    private static final Set<String> DENIED_MODULES = Set.of("os", "posix", "nt", "subprocess", "_posixsubprocess",
            "popen2", "commands", "pty", "sys", "builtins", "__builtin__", "shutil", "socket", "importlib", "imp",
            "_imp", "zipimport", "runpy", "code", "codeop", "ctypes", "webbrowser", "pickle", "_pickle", "cPickle",
            "dill", "shelve", "marshal", "types", "inspect", "ast", "gc", "pdb", "bdb", "timeit", "cProfile", "profile",
            "trace", "pydoc", "multiprocessing", "threading", "_thread", "thread", "asyncio", "signal", "tempfile",
            "io", "_io", "pathlib", "glob", "fcntl", "resource", "linecache", "posixpath", "ntpath", "genericpath",
            "site", "sysconfig", "distutils", "setuptools", "pip", "venv", "ensurepip", "urllib", "urllib2", "http",
            "ftplib", "smtplib", "telnetlib", "requests", "_frozen_importlib", "_frozen_importlib_external",
            "torch.hub", "torch.jit", "torch.package", "torch.ops", "torch._ops", "numpy.testing", "numpy.f2py",
            "numpy.distutils", "numpy.ctypeslib");
    private static final Set<String> DENIED_NAMES = Set.of("eval", "exec", "execfile", "compile", "__import__",
            "getattr", "setattr", "delattr", "system", "popen", "Popen", "spawnl", "spawnlp", "spawnv", "spawnvp",
            "spawnve", "execl", "execlp", "execv", "execve", "check_call", "check_output", "runstring", "runctx",
            "breakpoint", "globals", "locals", "vars", "apply", "load_library");

    private final String path;
    private final long fileSize;
    private final boolean legacy;
    private final Map<String, StorageRef> storages = new LinkedHashMap<>();
    private final Map<String, Object> allowed = new HashMap<>();

    /**
     * @param fileSize every storage must fit in the file
     * @param legacy whether persistent ids may carry legacy view metadata (6-tuples)
     */
    TorchGlobals(String path, long fileSize, boolean legacy) {
        this.path = path;
        this.fileSize = fileSize;
        this.legacy = legacy;
        allowed.put("collections.OrderedDict", (PyCallable) this::orderedDict);
        allowed.put("torch._utils._rebuild_tensor", (PyCallable) a -> rebuild(a, 4, 4, false));
        allowed.put("torch._utils._rebuild_tensor_v2", (PyCallable) a -> rebuild(a, 6, 7, false));
        allowed.put("torch._utils._rebuild_tensor_v3", (PyCallable) a -> rebuild(a, 7, 8, true));
        allowed.put("torch._utils._rebuild_parameter", (PyCallable) a -> parameter(a, 3));
        allowed.put("torch._utils._rebuild_parameter_with_state", (PyCallable) a -> parameter(a, 4));
        allowed.put("_codecs.encode", (PyCallable) this::encode);
        for (String b : List.of("builtins", "__builtin__")) {
            allowed.put(b + ".set", (PyCallable) a -> set(a, "set"));
            allowed.put(b + ".frozenset", (PyCallable) a -> Collections.unmodifiableSet(set(a, "frozenset")));
            allowed.put(b + ".bytearray", (PyCallable) a -> a.size() == 0 ? new byte[0] : encode(a));
            allowed.put(b + ".bytes", (PyCallable) a -> a.size() == 0 ? new byte[0] : encode(a));
            for (String inert : INERT_BUILTINS) {
                allowed.put(b + "." + inert, new Placeholder(b + "." + inert, false));
            }
        }
        for (String prefix : List.of("torch.", "torch.cuda.")) {
            STORAGES.forEach((k, d) -> allowed.put(prefix + k + "Storage", new StorageClass(prefix + k + "Storage", d)));
            UNSUPPORTED_STORAGES.forEach(k -> allowed.put(prefix + k + "Storage", new StorageClass(prefix + k + "Storage", null)));
        }
        for (String untyped : List.of("torch.storage.UntypedStorage", "torch.UntypedStorage", "torch.storage._UntypedStorage")) {
            allowed.put(untyped, new StorageClass(untyped, TensorDtype.U8));
        }
        DTYPES.forEach((k, d) -> allowed.put("torch." + k, new DtypeRef("torch." + k, d)));
        UNSUPPORTED_DTYPES.forEach(k -> allowed.put("torch." + k, new DtypeRef("torch." + k, null)));
    }

    /** Every storage the pickle declared, by key (root storages and legacy views alike). */
    Map<String, StorageRef> storages() {
        return storages;
    }

    @Override
    public Object resolve(String module, String name) throws IOException {
        String global = module + "." + name;
        Object known = allowed.get(global);
        if (known != null) {
            return known;
        }
        if (isDenied(module, name)) {
            throw new UnsafeCheckpointException(path, global);
        }
        return new Placeholder(global, false);
    }

    private static boolean isDenied(String module, String name) {
        for (String m = module; !m.isEmpty(); m = m.contains(".") ? m.substring(0, m.lastIndexOf('.')) : "") {
            if (DENIED_MODULES.contains(m)) {
                return true;
            }
        }
        for (String part : name.split("\\.", -1)) {
            if (DENIED_NAMES.contains(part)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object load(Object pid) throws IOException {
        refusePlaceholders(pid);
        if (!(pid instanceof PyTuple t) || t.size() < 5 || t.size() > 6 || !"storage".equals(t.get(0))) {
            throw corrupt("unsupported persistent id (" + PickleValues.describe(pid) + ")");
        }
        if (!(t.get(1) instanceof StorageClass cls) || !(t.get(2) instanceof String key)
                || !(t.get(3) instanceof String) || !(t.get(4) instanceof Long numel)) {
            throw corrupt("malformed storage persistent id");
        }
        if (cls.dtype() == null) {
            throw new IOException(path + ": unsupported storage type " + cls.name());
        }
        long size = cls.dtype().size();
        if (numel < 0 || numel > fileSize / size) {
            throw corrupt("storage " + PickleValues.quote(key) + " declares " + numel + " elements of " + size
                    + " bytes but the file has only " + fileSize + " bytes");
        }
        StorageRef root = declare(key, new StorageRef(key, cls.dtype(), numel * size, 0, numel * size));
        Object view = t.size() == 6 ? t.get(5) : null;
        if (view == null) {
            return root;
        }
        if (!legacy || !(view instanceof PyTuple v) || v.size() != 3 || !(v.get(0) instanceof String viewKey)
                || !(v.get(1) instanceof Long off) || !(v.get(2) instanceof Long len)
                || off < 0 || len < 0 || off > numel || len > numel - off) {
            throw corrupt("malformed storage view metadata for " + PickleValues.quote(key));
        }
        return declare(viewKey, new StorageRef(key, root.dtype(), root.rootBytes(), off * size, len * size));
    }

    private StorageRef declare(String key, StorageRef ref) throws IOException {
        StorageRef old = storages.putIfAbsent(key, ref);
        if (old != null && !old.equals(ref)) {
            throw corrupt("storage " + PickleValues.quote(key) + " is declared twice with different types or sizes");
        }
        return old != null ? old : ref;
    }

    private Object rebuild(PyTuple a, int min, int max, boolean v3) throws IOException {
        String fn = v3 ? "_rebuild_tensor_v3" : min == 4 ? "_rebuild_tensor" : "_rebuild_tensor_v2";
        arity(a, min, max, fn);
        if (!(a.get(0) instanceof StorageRef storage) || !(a.get(1) instanceof Long offset)) {
            throw corrupt(fn + " expects (storage, offset, size, stride, ...)");
        }
        TensorDtype dtype = storage.dtype();
        if (v3) {
            if (!(a.get(6) instanceof DtypeRef d)) {
                throw corrupt(fn + " expects a dtype as its 7th argument");
            }
            if (d.dtype() == null) {
                throw new IOException(path + ": unsupported tensor dtype " + d.name());
            }
            dtype = d.dtype();
        }
        return new TensorRef(storage, dtype, offset, longs(a.get(2), fn), longs(a.get(3), fn), path);
    }

    private Object parameter(PyTuple a, int n) throws IOException {
        arity(a, n, n, "_rebuild_parameter");
        if (!(a.get(0) instanceof TensorRef t)) {
            throw corrupt("_rebuild_parameter expects a tensor, got " + PickleValues.describe(a.get(0)));
        }
        return t;
    }

    private void arity(PyTuple a, int min, int max, String fn) throws IOException {
        refusePlaceholders(a);
        if (a.size() < min || a.size() > max) {
            throw corrupt(fn + " called with " + a.size() + " arguments");
        }
    }

    private long[] longs(Object o, String fn) throws IOException {
        List<?> list = o instanceof PyTuple t ? java.util.Arrays.asList(toArray(t)) : o instanceof List<?> l ? l : null;
        if (list == null || list.size() > TorchRefs.MAX_RANK) {
            throw corrupt(fn + ": size/stride is " + PickleValues.describe(o) + ", expected a short tuple of ints");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v)) {
                throw corrupt(fn + ": size/stride holds " + PickleValues.describe(list.get(i)));
            }
            out[i] = v;
        }
        return out;
    }

    private static Object[] toArray(PyTuple t) {
        Object[] a = new Object[t.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = t.get(i);
        }
        return a;
    }

    private Object orderedDict(PyTuple a) throws IOException {
        Map<Object, Object> d = new LinkedHashMap<>();
        for (Object item : items(a, "OrderedDict")) {
            if (!(item instanceof PyTuple kv) || kv.size() != 2) {
                throw corrupt("OrderedDict item is not a (key, value) pair");
            }
            hashable(kv.get(0), "OrderedDict");
            d.put(kv.get(0), kv.get(1));
        }
        return d;
    }

    private Set<Object> set(PyTuple a, String fn) throws IOException {
        Set<Object> s = new LinkedHashSet<>();
        for (Object item : items(a, fn)) {
            hashable(item, fn);
            s.add(item);
        }
        return s;
    }

    private void hashable(Object key, String fn) throws IOException {
        String problem = PickleValues.unhashable(key, 0);
        if (problem != null) {
            throw corrupt(fn + "(): " + problem);
        }
    }

    /** The elements of the optional single list argument of set(), frozenset(), OrderedDict(). */
    private List<?> items(PyTuple a, String fn) throws IOException {
        if (a.size() == 0) {
            return List.of();
        }
        if (a.size() == 1 && a.get(0) instanceof List<?> l) {
            return l;
        }
        throw corrupt(fn + "() expects at most one list argument");
    }

    /** {@code _codecs.encode(str, 'latin1')}, protocol 2's spelling of a bytes object. */
    private Object encode(PyTuple a) throws IOException {
        if (a.size() < 1 || a.size() > 2 || !(a.get(0) instanceof String s)) {
            return a.size() == 1 && a.get(0) instanceof byte[] b ? b.clone() : failEncode();
        }
        String enc = a.size() == 2 && a.get(1) instanceof String e ? e.toLowerCase(java.util.Locale.ROOT) : "utf-8";
        return switch (enc) {
            case "latin1", "latin-1", "iso-8859-1" -> s.getBytes(StandardCharsets.ISO_8859_1);
            case "utf-8", "utf8", "ascii" -> s.getBytes(StandardCharsets.UTF_8);
            default -> failEncode();
        };
    }

    private Object failEncode() throws IOException {
        throw corrupt("unsupported _codecs.encode / bytes() call");
    }

    private void refusePlaceholders(Object o) throws IOException {
        Placeholder p = PickleValues.findPlaceholder(o);
        if (p != null) {
            throw new UnsafeCheckpointException(path, p.global);
        }
    }

    private IOException corrupt(String what) {
        return new IOException(path + ": invalid torch pickle: " + what);
    }
}
