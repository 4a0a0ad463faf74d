package io.fastjukebox.engine.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.fastjukebox.engine.prior.attention.AttentionPattern;

/**
 * The keys and values one attention layer needs while sampling, preallocated and written in place
 * (spec section 3.3, without the reference's per-token re-copy of the whole cache). One tensor
 * (slots, N, H, 2, D) holds both, already split by heads, so that (N, H) merge into one batch axis
 * of matrices without a copy; with one head, slot j of sequence n is the row {@code [k | v]} (2S)
 * that the [k | v] projection gives. Slot layout by pattern, with b the block length:
 * <ul>
 *   <li>dense: every position, slot = position;
 *   <li>row: the current block only, slot = position mod b;
 *   <li>previous row: the previous and the current block, slot = (block mod 2) b + position mod b;
 *   <li>column: every position grouped by column, slot = (position mod b) blocks + position / b,
 *       so a column's history is one contiguous range.
 * </ul>
 * Slots lead so that one position's keys and values for all sequences and heads are one
 * contiguous slot: a single token is written by one in-place add into a zero slot (a slot is
 * written once per session for dense and column; row and previous-row zero their block's slots
 * when the block starts). Reading never copies: the key and value views are made once (per column
 * on first use) and stay valid while the tensor is written in place. A single query reads a whole
 * row block or column and masks the slots it may not see yet with an additive mask (those slots
 * hold finite values, whose weight becomes exactly 0), so a step slices nothing but dense layers.
 */
final class LayerCache {
    private final AttentionPattern pattern;
    private final KvCache session;
    private final int blockCtx;
    private final int blocks;
    private final int heads;
    private final int headDim;
    private final int batch;
    private final int slots;
    /** Single sequence and head: the token path works on matrices. */
    private final boolean flat;
    private final NDArray storage; // (slots, N, H, 2, D)
    private final NDArray bySlot; // one head: (slots, N, 2S) view, a position's [k | v] rows; else the storage
    private final NDArray keys; // (slots, N, H, D) view
    private final NDArray vals; // (slots, N, H, D) view
    private final NDArray keysT; // token layout: flat (D, slots), else (N H, D, slots)
    private final NDArray values; // token layout: flat (slots, D), else (N H, slots, D)
    private final NDArray keysT4; // (N, H, D, slots)
    private final NDArray values4; // (N, H, slots, D)
    private final NDArray[] slotViews; // row and previous row: one slot of bySlot per slot, made on first use
    private final NDArray[] partKeysT; // previous row: the two halves; column: one per column, made on first use
    private final NDArray[] partValues;
    private NDArray columnKeys; // column chunks: (b, blocks, N, H, D) views
    private NDArray columnValues;

    LayerCache(AttentionPattern pattern, PriorConfig config, int batch, KvCache session) {
        this.pattern = pattern;
        this.session = session;
        this.blockCtx = config.blockCtx();
        this.blocks = config.blocks();
        this.heads = config.heads();
        this.headDim = config.headDim();
        this.batch = batch;
        this.slots = pattern.cacheLength(config.nCtx(), blockCtx);
        this.flat = batch == 1 && heads == 1;
        long d = headDim;
        long n = batch;
        storage = KvCache.keep(session.manager().zeros(new Shape(slots, n, heads, 2, d), DataType.FLOAT32));
        bySlot = heads == 1 ? KvCache.keep(PtOps.reshape(storage, slots, n, 2L * d)) : storage;
        keys = KvCache.keep(PtOps.reshape(KvCache.keep(PtOps.slice(storage, 3, 0, 1)), slots, n, heads, d));
        vals = KvCache.keep(PtOps.reshape(KvCache.keep(PtOps.slice(storage, 3, 1, 2)), slots, n, heads, d));
        keysT4 = KvCache.keep(PtOps.permute(keys, 1, 2, 3, 0));
        values4 = KvCache.keep(PtOps.permute(vals, 1, 2, 0, 3));
        if (flat) {
            keysT = KvCache.keep(PtOps.transpose(KvCache.keep(PtOps.reshape(keys, slots, d)), 0, 1));
            values = KvCache.keep(PtOps.reshape(vals, slots, d));
        } else { // batched matrices for bmm: (N, H) merge without a copy
            keysT = KvCache.keep(PtOps.reshape(keysT4, n * heads, d, slots));
            values = KvCache.keep(PtOps.reshape(values4, n * heads, slots, d));
        }
        boolean reused = pattern == AttentionPattern.ROW || pattern == AttentionPattern.PREVIOUS_ROW;
        slotViews = new NDArray[reused ? slots : 0];
        int parts = switch (pattern) {
            case PREVIOUS_ROW -> 2;
            case COLUMN -> blockCtx;
            default -> 0;
        };
        partKeysT = new NDArray[parts];
        partValues = new NDArray[parts];
    }

    /** Bytes held by this cache. */
    long bytes() {
        return storage.size() * 4;
    }

    private int slot(int position) {
        return switch (pattern) {
            case DENSE -> position;
            case ROW -> position % blockCtx;
            case PREVIOUS_ROW -> (position / blockCtx % 2) * blockCtx + position % blockCtx;
            case COLUMN -> (position % blockCtx) * blocks + position / blockCtx;
        };
    }

    /**
     * Row and previous row reuse slots: zeroes the slots of the block that starts at {@code start}
     * (positions are fed in order, so every block's first position comes through here first).
     */
    private void startBlock(int start) {
        if (slotViews.length > 0 && start % blockCtx == 0) {
            int s = slot(start);
            PtOps.put(storage, session.zero(), new long[] {s, 0, 0, 0, 0},
                    new long[] {s + blockCtx, batch, heads, 2, headDim}, new long[] {1, 1, 1, 1, 1});
        }
    }

    /** Stores the keys and values {@code kv} (N, 2S) = [k | v] of position {@code p}. */
    void writeToken(int p, NDArray kv) {
        startBlock(p);
        int s = slot(p);
        NDArray view;
        if (slotViews.length > 0) {
            if (slotViews[s] == null) {
                slotViews[s] = KvCache.keep(PtOps.slice(bySlot, 0, s, s + 1));
            }
            view = slotViews[s];
        } else {
            view = PtOps.slice(bySlot, 0, s, s + 1); // written once per session: not worth keeping
        }
        // one head: (N, 2S) rows as they are; else (N, 2, H, D) -> (N, H, 2, D), a view
        NDArray value = heads == 1 ? kv : PtOps.transpose(PtOps.reshape(kv, batch, 2, heads, headDim), 1, 2);
        PtOps.addi(view, value); // the slot is zero
    }

    /**
     * What the single query at {@code p} reads, in token layout: {@code {keysT, values, additive
     * mask (1, L) or null}}, matrices (D, L) and (L, D) for one sequence and head, else batches of
     * them (N H, D, L) and (N H, L, D); null when nothing is visible (previous-row in block 0: the
     * attention output is then zero).
     */
    NDArray[] token(int p) {
        int block = p / blockCtx;
        int inBlock = p % blockCtx;
        return switch (pattern) {
            case ROW -> new NDArray[] {keysT, values, session.rowMask(inBlock)};
            case PREVIOUS_ROW -> block == 0 ? null
                    : new NDArray[] {partKeysT((block - 1) % 2), partValues[(block - 1) % 2], null};
            case COLUMN -> new NDArray[] {partKeysT(inBlock), partValues[inBlock], session.columnMask(block)};
            case DENSE -> {
                int last = flat ? 1 : 2;
                yield new NDArray[] {PtOps.slice(keysT, last, 0, p + 1), PtOps.slice(values, last - 1, 0, p + 1), null};
            }
        };
    }

    /** Keys (transposed) and values of slots {@code [part * len, (part + 1) * len)}, made once. */
    private NDArray partKeysT(int part) {
        if (partKeysT[part] == null) {
            long len = pattern == AttentionPattern.COLUMN ? blocks : blockCtx;
            int last = flat ? 1 : 2;
            partKeysT[part] = KvCache.keep(PtOps.slice(keysT, last, part * len, (part + 1) * len));
            partValues[part] = KvCache.keep(PtOps.slice(values, last - 1, part * len, (part + 1) * len));
        }
        return partKeysT[part];
    }

    /** Stores k, v of positions {@code [start, start + c)}, all inside one block: {@code kv} (N, c, 2S) = [k | v]. */
    void write(int start, NDArray kv, int c) {
        startBlock(start);
        int s = slot(start);
        int stride = pattern == AttentionPattern.COLUMN ? blocks : 1; // consecutive positions: consecutive columns
        NDArray value = PtOps.permute(PtOps.reshape(kv, batch, c, 2, heads, headDim), 1, 0, 3, 2, 4); // (c, N, H, 2, D)
        PtOps.put(storage, value, new long[] {s, 0, 0, 0, 0},
                new long[] {s + (long) (c - 1) * stride + 1, batch, heads, 2, headDim}, new long[] {stride, 1, 1, 1, 1});
    }

    /**
     * Keys, values and mask visible to the queries at {@code [start, start + c)} (inside one block):
     * {@code {keysT, values, mask}}, where for dense/row/previous-row the arrays are (N, H, D, L) and
     * (N, H, L, D), shared by all queries, and for column (N, H, c, D, L) and (N, H, c, L, D), one
     * history per query. The additive mask is (c, L), or null when every query sees every key.
     * Returns null when nothing is visible (previous-row in block 0).
     */
    NDArray[] chunk(int start, int c) {
        int block = start / blockCtx;
        int inBlock = start % blockCtx;
        return switch (pattern) {
            case DENSE -> new NDArray[] {PtOps.slice(keysT4, 3, 0, start + c), PtOps.slice(values4, 2, 0, start + c),
                causalMask(start, c)};
            case ROW -> new NDArray[] {PtOps.slice(keysT4, 3, 0, inBlock + c), PtOps.slice(values4, 2, 0, inBlock + c),
                causalMask(inBlock, c)};
            case PREVIOUS_ROW -> {
                if (block == 0) {
                    yield null;
                }
                long s = (long) ((block - 1) % 2) * blockCtx;
                yield new NDArray[] {PtOps.slice(keysT4, 3, s, s + blockCtx), PtOps.slice(values4, 2, s, s + blockCtx), null};
            }
            case COLUMN -> {
                if (columnKeys == null) {
                    columnKeys = KvCache.keep(PtOps.reshape(keys, blockCtx, blocks, batch, heads, headDim));
                    columnValues = KvCache.keep(PtOps.reshape(vals, blockCtx, blocks, batch, heads, headDim));
                }
                NDArray k = PtOps.slice(PtOps.slice(columnKeys, 0, inBlock, inBlock + c), 1, 0, block + 1); // (c, L, N, H, D)
                NDArray v = PtOps.slice(PtOps.slice(columnValues, 0, inBlock, inBlock + c), 1, 0, block + 1);
                // (N, H, c, D, L) and (N, H, c, L, D)
                yield new NDArray[] {PtOps.permute(k, 2, 3, 0, 4, 1), PtOps.permute(v, 2, 3, 0, 1, 4), null};
            }
        };
    }

    /** Additive (c, offset + c) mask: query j sees keys 0..offset + j; null for one query. */
    private NDArray causalMask(int offset, int c) {
        if (c == 1) {
            return null;
        }
        int len = offset + c;
        float[] mask = new float[c * len];
        for (int j = 0; j < c; j++) {
            for (int i = offset + j + 1; i < len; i++) {
                mask[j * len + i] = -1e9f;
            }
        }
        return session.manager().create(mask, new Shape(c, len));
    }
}
