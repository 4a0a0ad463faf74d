package io.fastjukebox.engine.checkpoint;

import io.fastjukebox.engine.checkpoint.PickleValues.IgnoresBuild;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What a torch pickle describes before any tensor data is read: storage and tensor references.
 * Tensors are only materialised (read, sliced or gathered) for the entries of the state dict, so
 * optimiser state and other ignored entries cost nothing.
 */
final class TorchRefs {
    /** Torch allows at most 64 dimensions. */
    static final int MAX_RANK = 64;

    private TorchRefs() {}

    /** A torch storage class named in a persistent id, e.g. {@code torch.cuda.HalfStorage}. */
    record StorageClass(String name, TensorDtype dtype) {
        @Override
        public String toString() {
            return "the storage class " + name;
        }
    }

    /** A torch dtype object, e.g. {@code torch.float16}; {@code dtype} is null if unsupported here. */
    record DtypeRef(String name, TensorDtype dtype) {
        @Override
        public String toString() {
            return "the dtype " + name;
        }
    }

    /**
     * A storage: {@code byteLength} bytes at {@code byteOffset} within the blob stored under
     * {@code rootKey} (which holds {@code rootBytes} bytes). Offset and length differ from 0 and the
     * root size only for the storage views of the legacy format.
     */
    record StorageRef(String rootKey, TensorDtype dtype, long rootBytes, long byteOffset, long byteLength) {
        @Override
        public String toString() {
            return "storage " + PickleValues.quote(rootKey);
        }
    }

    /** Supplies the raw bytes of a root storage blob (little-endian, position 0, exactly rootBytes long). */
    interface StorageSource {
        ByteBuffer root(StorageRef storage) throws IOException;
    }

    /** A tensor: a strided view of {@code dtype} elements into a storage. Validated on creation. */
    static final class TensorRef implements IgnoresBuild {
        final StorageRef storage;
        final TensorDtype dtype;
        final long offset;
        final long[] shape;
        final long[] stride;
        final long numel;

        TensorRef(StorageRef storage, TensorDtype dtype, long offset, long[] shape, long[] stride, String path)
                throws IOException {
            this.storage = storage;
            this.dtype = dtype;
            this.offset = offset;
            this.shape = shape;
            this.stride = stride;
            String where = path + ": invalid tensor on " + storage + ": ";
            if (shape.length != stride.length || shape.length > MAX_RANK) {
                throw new IOException(where + "shape " + Arrays.toString(shape) + " / stride " + Arrays.toString(stride));
            }
            try {
                long n = 1;
                long last = offset;
                for (int i = 0; i < shape.length; i++) {
                    if (shape[i] < 0 || stride[i] < 0) {
                        throw new IOException(where + "negative size or stride");
                    }
                    n = Math.multiplyExact(n, shape[i]);
                    if (shape[i] > 0) {
                        last = Math.addExact(last, Math.multiplyExact(shape[i] - 1, stride[i]));
                    }
                }
                numel = n;
                if (offset < 0) {
                    throw new IOException(where + "negative storage offset " + offset);
                }
                long end = Math.multiplyExact(last + 1, (long) dtype.size());
                if (n > 0 && end > storage.byteLength()) {
                    throw new IOException(where + "elements up to byte " + end + " lie outside its "
                            + storage.byteLength() + " bytes");
                }
                if (Math.multiplyExact(n, (long) dtype.size()) > Integer.MAX_VALUE) {
                    throw new IOException(where + "tensors over 2 GiB are not supported");
                }
            } catch (ArithmeticException e) {
                throw new IOException(where + "size arithmetic overflows");
            }
        }

        boolean isContiguous() {
            long expected = 1;
            for (int i = shape.length - 1; i >= 0; i--) {
                if (shape[i] != 1 && stride[i] != expected) {
                    return false;
                }
                expected *= shape[i];
            }
            return true;
        }

        /** Reads the tensor's elements out of its storage: a shared slice if contiguous, else a gathered copy. */
        TensorData materialize(StorageSource source, ReadBudget budget) throws IOException {
            ByteBuffer root = source.root(storage);
            int esize = dtype.size();
            int bytes = (int) (numel * esize);
            long base = storage.byteOffset() + offset * esize;
            if (numel == 0) {
                return TensorData.wrap(dtype, shape, ByteBuffer.allocate(0));
            }
            if (isContiguous()) {
                return TensorData.wrap(dtype, shape, root.slice((int) base, bytes));
            }
            budget.charge(bytes, "gathering a strided view of " + storage);
            ByteBuffer out = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int rank = shape.length;
            long inner = shape[rank - 1];
            long innerStride = stride[rank - 1];
            long[] index = new long[rank];
            int at = 0;
            while (at < bytes) {
                long pos = base;
                for (int d = 0; d < rank - 1; d++) {
                    pos += index[d] * stride[d] * esize;
                }
                if (innerStride == 1) {
                    out.put(at, root, (int) pos, (int) (inner * esize));
                    at += (int) (inner * esize);
                } else {
                    for (long j = 0; j < inner; j++) {
                        out.put(at, root, (int) (pos + j * innerStride * esize), esize);
                        at += esize;
                    }
                }
                for (int d = rank - 2; d >= 0 && ++index[d] == shape[d]; d--) {
                    index[d] = 0;
                }
            }
            return TensorData.wrap(dtype, shape, out);
        }

        @Override
        public String toString() {
            return "a tensor on " + storage;
        }
    }
}
