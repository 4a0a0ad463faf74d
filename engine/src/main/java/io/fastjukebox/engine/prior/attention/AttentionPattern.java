package io.fastjukebox.engine.prior.attention;

/**
 * Which earlier positions a query may attend to in one factored-attention layer
 * (jukebox/transformer/factored_attention.py; spec section 3.1). With {@code b} the block length
 * ({@code n_ctx / blocks}), query {@code i} and key {@code j}:
 */
public enum AttentionPattern {
    /** attn_func 0: every {@code j <= i}. */
    DENSE(0),
    /** attn_func 1, "row": {@code j <= i} in the same block, {@code j / b == i / b}. */
    ROW(1),
    /** attn_func 2, "column": {@code j <= i} in the same column, {@code j mod b == i mod b}. */
    COLUMN(2),
    /**
     * attn_func 3, "previous row": every position of the previous block, {@code j / b == i / b - 1}.
     * Queries of block 0 attend to a block of zero keys and values, so their attention output is 0.
     */
    PREVIOUS_ROW(3);

    private final int jukeboxId;

    AttentionPattern(int jukeboxId) {
        this.jukeboxId = jukeboxId;
    }

    /** The {@code attn_func} number of the reference implementation (for documentation and logs). */
    public int jukeboxId() {
        return jukeboxId;
    }

    /** Whether query {@code i} may see key {@code j} with blocks of {@code blockCtx} positions. */
    public boolean allows(int i, int j, int blockCtx) {
        return switch (this) {
            case DENSE -> j <= i;
            case ROW -> j <= i && j / blockCtx == i / blockCtx;
            case COLUMN -> j <= i && j % blockCtx == i % blockCtx;
            case PREVIOUS_ROW -> j / blockCtx == i / blockCtx - 1;
        };
    }

    /**
     * The (query, key) mask of a full {@code length}-position forward: {@code mask[i * length + j]}
     * is 1 where query i sees key j. Queries that see nothing (previous-row, block 0) have an
     * all-zero row.
     */
    public float[] mask(int length, int blockCtx) {
        float[] m = new float[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = 0; j < length; j++) {
                m[i * length + j] = allows(i, j, blockCtx) ? 1f : 0f;
            }
        }
        return m;
    }

    /**
     * Cache entries this pattern needs while sampling a window of {@code length} positions: dense and
     * column keep every position, row the current block, previous-row the previous and current block.
     */
    public int cacheLength(int length, int blockCtx) {
        return switch (this) {
            case DENSE, COLUMN -> length;
            case ROW -> blockCtx;
            case PREVIOUS_ROW -> 2 * blockCtx;
        };
    }
}
