package io.fastjukebox.engine.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.fastjukebox.engine.prior.attention.AttentionPattern;

/**
 * The keys and values one attention layer needs while sampling, preallocated and written in place
 * (spec section 3.3, without the reference's per-token re-copy of the whole cache). Slot layout by
 * pattern, with b the block length:
 * <ul>
 *   <li>dense: every position, slot = position;
 *   <li>row: the current block only, slot = position mod b;
 *   <li>previous row: the previous and the current block, slot = (block mod 2) b + position mod b;
 *   <li>column: every position grouped by column, slot = (position mod b) blocks + position / b,
 *       so a column's history is one contiguous range.
 * </ul>
 */
final class LayerCache {
    private final AttentionPattern pattern;
    private final int blockCtx;
    private final int blocks;
    private final NDArray keys; // (N, slots, S)
    private final NDArray values; // (N, slots, S)

    LayerCache(AttentionPattern pattern, PriorConfig config, int batch, NDManager manager) {
        this.pattern = pattern;
        this.blockCtx = config.blockCtx();
        this.blocks = config.blocks();
        int slots = pattern.cacheLength(config.nCtx(), blockCtx);
        Shape shape = new Shape(batch, slots, config.nState());
        this.keys = manager.zeros(shape, DataType.FLOAT32);
        this.values = manager.zeros(shape, DataType.FLOAT32);
    }

    /** Bytes held by this cache. */
    long bytes() {
        return 2 * keys.size() * 4;
    }

    private int slot(int position) {
        return switch (pattern) {
            case DENSE -> position;
            case ROW -> position % blockCtx;
            case PREVIOUS_ROW -> (position / blockCtx % 2) * blockCtx + position % blockCtx;
            case COLUMN -> (position % blockCtx) * blocks + position / blockCtx;
        };
    }

    /** Stores k, v (N, c, S) of positions {@code [start, start + c)}, all inside one block. */
    void write(int start, NDArray k, NDArray v) {
        int c = (int) k.getShape().get(1);
        if (pattern == AttentionPattern.COLUMN) {
            for (int j = 0; j < c; j++) { // consecutive positions sit in different columns
                int s = slot(start + j);
                keys.set(new NDIndex(":, {}:{}, :", s, s + 1), k.get(new NDIndex(":, {}:{}, :", j, j + 1)));
                values.set(new NDIndex(":, {}:{}, :", s, s + 1), v.get(new NDIndex(":, {}:{}, :", j, j + 1)));
            }
        } else {
            int s = slot(start);
            keys.set(new NDIndex(":, {}:{}, :", s, s + c), k);
            values.set(new NDIndex(":, {}:{}, :", s, s + c), v);
        }
    }

    /**
     * Keys and values visible to the queries at {@code [start, start + c)} (inside one block), and
     * the mask over them: {@code {keys, values, mask}}, where for dense/row/previous-row the arrays are
     * (N, L, S) shared by all queries, and for column (N, c, L, S), one history per query. The mask
     * is (c, L), or null when every query sees every key. Returns null when nothing is visible
     * (previous-row in block 0): the attention output is then zero.
     */
    NDArray[] visible(int start, int c, NDManager m) {
        int block = start / blockCtx;
        int inBlock = start % blockCtx;
        return switch (pattern) {
            case DENSE -> withCausalMask(keys.get(new NDIndex(":, 0:{}, :", start + c)),
                    values.get(new NDIndex(":, 0:{}, :", start + c)), start, c, m);
            case ROW -> withCausalMask(keys.get(new NDIndex(":, 0:{}, :", inBlock + c)),
                    values.get(new NDIndex(":, 0:{}, :", inBlock + c)), inBlock, c, m);
            case PREVIOUS_ROW -> {
                if (block == 0) {
                    yield null;
                }
                int s = ((block - 1) % 2) * blockCtx;
                yield new NDArray[] {keys.get(new NDIndex(":, {}:{}, :", s, s + blockCtx)),
                    values.get(new NDIndex(":, {}:{}, :", s, s + blockCtx)), null};
            }
            case COLUMN -> {
                long n = keys.getShape().get(0);
                long width = keys.getShape().get(2);
                NDIndex range = new NDIndex(":, {}:{}, 0:{}, :", inBlock, inBlock + c, block + 1);
                yield new NDArray[] {keys.reshape(n, blockCtx, blocks, width).get(range), // (N, c, rows, S)
                    values.reshape(n, blockCtx, blocks, width).get(range), null};
            }
        };
    }

    /** Query j (absolute index offset + j among the keys) sees keys 0..offset + j. */
    private static NDArray[] withCausalMask(NDArray k, NDArray v, int offset, int c, NDManager m) {
        if (c == 1) {
            return new NDArray[] {k, v, null};
        }
        int len = offset + c;
        float[] mask = new float[c * len];
        for (int j = 0; j < c; j++) {
            for (int i = 0; i <= offset + j; i++) {
                mask[j * len + i] = 1f;
            }
        }
        return new NDArray[] {k, v, m.create(mask, new Shape(c, len))};
    }
}
