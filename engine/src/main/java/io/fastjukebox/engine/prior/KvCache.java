package io.fastjukebox.engine.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The explicit sampling state of a prior for one window: one {@link LayerCache} per layer, sized by
 * its pattern, plus how many positions have been consumed. Owned by the caller, never hidden in
 * the model; {@link #close()} frees it.
 *
 * <p>It also holds what the incremental forward prepares once per session: the sampling weights
 * ({@link SamplingWeights}, gathered from the parameters when the first position is fed, so a new
 * cache sees weights changed by training) and the additive masks of single-token steps. Arrays
 * made lazily during a step are taken out of the caller's {@link NDScope} and live until
 * {@link #close()}.
 */
public final class KvCache implements AutoCloseable {
    private final PriorConfig config;
    private final NDManager manager;
    private final List<LayerCache> layers = new ArrayList<>();
    private final int batch;
    private final NDArray[] rowMasks;
    private final NDArray[] columnMasks;
    private SamplingWeights weights;
    private NDArray zero;
    private int length;

    KvCache(PriorConfig config, int batch, NDManager parent) {
        this.config = config;
        this.manager = parent.newSubManager();
        this.batch = batch;
        this.rowMasks = new NDArray[config.blockCtx()];
        this.columnMasks = new NDArray[config.blocks()];
        for (int i = 0; i < config.depth(); i++) {
            layers.add(new LayerCache(config.pattern(i), config, batch, this));
        }
    }

    LayerCache layer(int i) {
        return layers.get(i);
    }

    /** Positions consumed so far (the next position to feed). */
    public int length() {
        return length;
    }

    void advance(int positions) {
        length += positions;
    }

    /** Sequences sampled together. */
    public int batch() {
        return batch;
    }

    /** Total bytes of keys and values held. */
    public long bytes() {
        return layers.stream().mapToLong(LayerCache::bytes).sum();
    }

    /** The session's manager: everything here lives (and dies) with the cache. */
    NDManager manager() {
        return manager;
    }

    /** The sampling weights of this session, derived on first use. */
    SamplingWeights weights(PriorNetwork network) {
        if (weights == null) {
            weights = SamplingWeights.build(config, network, manager);
        }
        return weights;
    }

    /**
     * Additive mask (1, b) of a single query at offset {@code i} of its block over the row cache:
     * 0 for slots 0..i, -1e9 after; null when every slot is visible.
     */
    NDArray rowMask(int i) {
        return i == rowMasks.length - 1 ? null : prefixMask(rowMasks, i);
    }

    /** Additive mask (1, blocks) of a single query in block {@code block} over its column; null when all are visible. */
    NDArray columnMask(int block) {
        return block == columnMasks.length - 1 ? null : prefixMask(columnMasks, block);
    }

    private NDArray prefixMask(NDArray[] masks, int visibleTo) {
        if (masks[visibleTo] == null) {
            float[] m = new float[masks.length];
            for (int j = visibleTo + 1; j < m.length; j++) {
                m[j] = -1e9f;
            }
            masks[visibleTo] = keep(manager.create(m, new Shape(1, m.length)));
        }
        return masks[visibleTo];
    }

    /** A float 0 to fill slots with. */
    NDArray zero() {
        if (zero == null) {
            zero = keep(manager.zeros(new Shape(1)));
        }
        return zero;
    }

    /** Keeps an array made during a step (inside the caller's per-step scope) for the whole session. */
    static NDArray keep(NDArray a) {
        NDScope.unregister(a);
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }
}
