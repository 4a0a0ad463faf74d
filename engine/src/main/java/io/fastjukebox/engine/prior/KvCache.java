package io.fastjukebox.engine.prior;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * The explicit sampling state of a prior for one window: one {@link LayerCache} per layer, sized by
 * its pattern, plus how many positions have been consumed. Owned by the caller, never hidden in
 * the model; {@link #close()} frees it.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final List<LayerCache> layers = new ArrayList<>();
    private final int batch;
    private int length;

    KvCache(PriorConfig config, int batch, NDManager parent) {
        this.manager = parent.newSubManager();
        this.batch = batch;
        for (int i = 0; i < config.depth(); i++) {
            layers.add(new LayerCache(config.pattern(i), config, batch, manager));
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

    @Override
    public void close() {
        manager.close();
    }
}
