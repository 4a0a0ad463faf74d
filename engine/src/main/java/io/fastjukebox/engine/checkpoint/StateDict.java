package io.fastjukebox.engine.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A PyTorch state dict read from a checkpoint file: tensor name → {@link TensorData}, in file order.
 *
 * <p>{@link #read} detects the format from the content, not the file name:
 * <ul>
 *   <li>{@link Format#TORCH_ZIP}: {@code torch.save} since torch 1.6 (a zip starting {@code PK});
 *   <li>{@link Format#TORCH_LEGACY}: {@code torch.save} before 1.6 or with
 *       {@code _use_new_zipfile_serialization=False} — the official Jukebox {@code .pth.tar} files;
 *   <li>{@link Format#SAFETENSORS}: an 8-byte header length, then a JSON header starting with {@code '{'}.
 * </ul>
 * For the torch formats a checkpoint dict holding the state dict under {@code 'model'} (or
 * {@code 'state_dict'}) is unwrapped, its other entries ({@code 'hps'}, {@code 'opt'}, …) are ignored
 * except an int {@code 'step'}, and a leading {@code "module."} (DistributedDataParallel) is stripped
 * from every key, in all formats. Storage locations ({@code cpu}, {@code cuda:0}, …) are ignored:
 * everything lands in host memory.
 *
 * <p><b>Security.</b> Checkpoints are untrusted. Pickles are run by a closed machine of our own that
 * never executes code nor instantiates a class named by the file. Python globals are resolved
 * against an allow-list: {@code collections.OrderedDict}, the torch storage classes (also under
 * {@code torch.cuda}, and {@code torch.storage.UntypedStorage}), torch dtypes,
 * {@code torch._utils._rebuild_tensor}, {@code _rebuild_tensor_v2}, {@code _rebuild_tensor_v3},
 * {@code _rebuild_parameter}, {@code _rebuild_parameter_with_state}, {@code builtins.set},
 * {@code frozenset}, {@code bytes}, {@code bytearray} and {@code _codecs.encode}. The rule for any
 * other global is simple:
 * <ol>
 *   <li>code-execution primitives ({@code os.*}, {@code posix.*}, {@code subprocess.*}, other
 *       {@code builtins.*}, {@code eval}, {@code exec}, {@code getattr}, {@code __import__}, …) refuse
 *       the file wherever they appear;
 *   <li>any other global becomes an inert placeholder (calling it gives another placeholder, BUILD
 *       and added items are dropped). Placeholders are tolerated <em>only</em> inside top-level
 *       entries the reader ignores (e.g. numpy scalars or config classes in Jukebox's {@code 'hps'}).
 *       One in the state dict, in a non-dict top level, in a torch function's arguments or in a
 *       storage id refuses the file.
 * </ol>
 * A refusal is an {@link UnsafeCheckpointException}: {@code "<path>: refusing to load: pickle
 * references forbidden global 'os.system'"}.
 *
 * <p>Every length and count in the file is checked against the file size before allocating, and
 * heap use for tensor data is capped at twice the file size plus 64 MiB. A corrupt, truncated or
 * hostile file gives an {@link IOException} whose message starts with the file path.
 *
 * <p><b>Memory.</b> Zip-format storages are read into the heap. Legacy and safetensors tensor data
 * of 1 MiB or more is memory-mapped read-only (small regions are copied), so a multi-GB Jukebox
 * checkpoint can be converted without a matching heap; while such a mapping is reachable, Windows
 * will not let the file be deleted or replaced. Contiguous tensors share their storage's bytes;
 * tensors tied to one storage are both present with equal data.
 */
public final class StateDict {
    /** The container formats {@link #read} understands. */
    public enum Format { TORCH_ZIP, TORCH_LEGACY, SAFETENSORS }

    private static final String DDP_PREFIX = "module.";

    private final Format format;
    private final Map<String, TensorData> tensors;
    private final OptionalLong step;
    private final Map<String, String> metadata;

    private StateDict(Format format, Map<String, TensorData> tensors, OptionalLong step, Map<String, String> metadata) {
        this.format = format;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.step = step;
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /**
     * Reads a checkpoint file in any supported format (see the class comment).
     *
     * @throws UnsafeCheckpointException if the pickle references a global that is not allowed there
     * @throws IOException if the file cannot be read or is not a valid checkpoint; the message starts
     *     with the path
     */
    public static StateDict read(Path file) throws IOException {
        String path = file.toString();
        try {
            long size = Files.size(file);
            Format format = detect(file, size, path);
            return switch (format) {
                case TORCH_ZIP -> torch(format, TorchZipReader.read(file, size, path), path);
                case TORCH_LEGACY -> torch(format, TorchLegacyReader.read(file, size, path), path);
                case SAFETENSORS -> {
                    SafetensorsReader.Result r = SafetensorsReader.read(file, size, path);
                    yield new StateDict(format, stripPrefix(r.tensors(), path), OptionalLong.empty(), r.metadata());
                }
            };
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(path + ": ")) {
                throw e;
            }
            throw new IOException(path + ": " + e, e);
        } catch (RuntimeException e) {
            throw new IOException(path + ": corrupt checkpoint (" + e + ")", e);
        }
    }

    private static StateDict torch(Format format, TorchCheckpoint.Result r, String path) throws IOException {
        return new StateDict(format, stripPrefix(r.tensors(), path), r.step(), Map.of());
    }

    private static Format detect(Path file, long size, String path) throws IOException {
        if (size == 0) {
            throw new IOException(path + ": empty file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(9);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Format.TORCH_ZIP;
        }
        if (head.length == 9 && head[8] == '{') {
            long n = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n >= 2 && n <= size - 8) {
                return Format.SAFETENSORS;
            }
        }
        if ((head[0] & 0xff) == 0x80 || head[0] == 'L') {
            return Format.TORCH_LEGACY; // a pickle: PROTO opcode, or protocol 0/1 LONG for the magic number
        }
        throw new IOException(String.format("%s: not a PyTorch or safetensors checkpoint (starts with byte 0x%02x)",
                path, head[0] & 0xff));
    }

    private static Map<String, TensorData> stripPrefix(Map<String, TensorData> in, String path) throws IOException {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : in.entrySet()) {
            String key = e.getKey().startsWith(DDP_PREFIX) ? e.getKey().substring(DDP_PREFIX.length()) : e.getKey();
            if (out.putIfAbsent(key, e.getValue()) != null) {
                throw new IOException(path + ": key " + PickleValues.quote(key) + " occurs twice once the '" + DDP_PREFIX
                        + "' prefix is stripped");
            }
        }
        return out;
    }

    /** The format the file was in. */
    public Format format() {
        return format;
    }

    /** The tensors by name (without any {@code "module."} prefix), in file order; unmodifiable. */
    public Map<String, TensorData> tensors() {
        return tensors;
    }

    /** The tensor called {@code name}, or {@code null} if there is none. */
    public TensorData get(String name) {
        return tensors.get(name);
    }

    /** The top-level {@code 'step'} int of a wrapped torch checkpoint (Jukebox writes one), if present. */
    public OptionalLong step() {
        return step;
    }

    /** The safetensors {@code __metadata__} strings; empty for torch formats. Unmodifiable. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "StateDict[" + format + ", " + tensors.size() + " tensors" + (step.isPresent() ? ", step " + step.getAsLong() : "") + "]";
    }
}
