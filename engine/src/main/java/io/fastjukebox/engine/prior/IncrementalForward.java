package io.fastjukebox.engine.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/**
 * The prior's forward over new positions only, reading earlier positions from a {@link KvCache}
 * (Jukebox's {@code sample=True} path): one token per step while sampling, or a chunk while priming.
 * Chunks are split at block boundaries so each piece reads one block's caches.
 *
 * <p>Legend: N batch, c positions in the piece, W width, H heads, D head width, L visible keys.
 */
final class IncrementalForward {
    private final PriorConfig config;
    private final PriorNetwork network;

    IncrementalForward(PriorConfig config, PriorNetwork network) {
        this.config = config;
        this.network = network;
    }

    /**
     * Logits (N, c, V) of positions {@code [cache.length(), cache.length() + c)}.
     *
     * @param inputs (N, c) int64: the token at position p - 1 for each position p (ignored at p = 0,
     *     where the start token is used)
     * @param xCond (N, c, W) conditioning of these positions, or null for a top prior
     */
    NDArray forward(KvCache cache, NDArray inputs, NDArray xCond) {
        int c = (int) inputs.getShape().get(1);
        int start = cache.length();
        if (start + c > config.nCtx()) {
            throw new IllegalArgumentException("positions " + start + ".." + (start + c - 1) + " exceed n_ctx " + config.nCtx());
        }
        NDList pieces = new NDList();
        int done = 0;
        while (done < c) {
            int p = start + done;
            int piece = Math.min(c - done, config.blockCtx() - p % config.blockCtx());
            NDArray in = inputs.get(new NDIndex(":, {}:{}", done, done + piece));
            NDArray cond = xCond == null ? null : xCond.get(new NDIndex(":, {}:{}, :", done, done + piece));
            pieces.add(piece(cache, p, in, cond));
            cache.advance(piece);
            done += piece;
        }
        return pieces.size() == 1 ? pieces.get(0) : NDArrays.concat(pieces, 1); // pieces along positions
    }

    private NDArray piece(KvCache cache, int p, NDArray inputs, NDArray xCond) {
        NDArray h = embed(p, inputs, xCond); // (N, c, W)
        for (int i = 0; i < config.depth(); i++) {
            TransformerLayer layer = network.layer(i);
            NDArray a = attend(layer, cache.layer(i), p, layer.layerNorm(h, "ln_0"));
            NDArray x = h.add(a);
            h = x.add(layer.mlp(x));
        }
        if (xCond != null && !config.mergedDecoder()) {
            h = h.add(xCond);
        }
        return h.matMul(network.outputWeight().transpose()); // (N, c, W) x (W, V) -> (N, c, V)
    }

    /** Input embeddings of positions {@code p .. p + c - 1}: previous token (or start) + position + conditioning. */
    private NDArray embed(int p, NDArray inputs, NDArray xCond) {
        long n = inputs.getShape().get(0);
        long c = inputs.getShape().get(1);
        NDArray table = network.param(PriorLayout.X_EMB); // (V, W)
        NDArray h = table.get(new NDIndex("{}", inputs.reshape(n * c))).reshape(n, c, config.width()); // (N, c, W)
        if (p == 0) {
            NDArray start = network.param(PriorLayout.START_TOKEN).expandDims(0).repeat(0, n); // (N, 1, W)
            h = c == 1 ? start : start.concat(h.get(new NDIndex(":, 1:, :")), 1);
        }
        h = h.add(network.param(PriorLayout.POS_EMB).get(new NDIndex("{}:{}", p, p + c))); // + (c, W)
        return xCond == null ? h : h.add(xCond);
    }

    private NDArray attend(TransformerLayer layer, LayerCache cache, int p, NDArray normed) {
        NDList qkv = layer.qkv(normed); // 3 x (N, c, S)
        int c = (int) normed.getShape().get(1);
        cache.write(p, qkv.get(1), qkv.get(2));
        NDArray q = layer.splitHeads(qkv.get(0)); // (N, H, c, D)
        NDArray[] kvm = cache.visible(p, c, normed.getManager());
        NDArray out;
        if (kvm == null) {
            out = q.zerosLike(); // previous-row in block 0: zero keys and values give a zero output
        } else if (kvm[0].getShape().dimension() == 4) {
            out = attendPerQuery(layer, q, kvm[0], kvm[1]);
        } else {
            NDArray k = layer.splitHeads(kvm[0]); // (N, H, L, D)
            NDArray v = layer.splitHeads(kvm[1]);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale()); // (N, H, c, L)
            if (kvm[2] != null) {
                scores = scores.mul(kvm[2]).add(kvm[2].sub(1f).mul(1e9f));
            }
            out = scores.softmax(-1).matMul(v); // (N, H, c, D)
        }
        return layer.conv1d(layer.mergeHeads(out), "attn.c_proj");
    }

    /** Column attention: each query has its own history (N, c, L, S). */
    private NDArray attendPerQuery(TransformerLayer layer, NDArray q, NDArray keys, NDArray values) {
        long n = keys.getShape().get(0);
        long c = keys.getShape().get(1);
        long len = keys.getShape().get(2);
        int heads = config.heads();
        int d = config.headDim();
        // (N, c, L, S) -> (N, c, L, H, D) -> (N, H, c, L, D)
        NDArray k = keys.reshape(n, c, len, heads, d).transpose(0, 3, 1, 2, 4);
        NDArray v = values.reshape(n, c, len, heads, d).transpose(0, 3, 1, 2, 4);
        NDArray scores = q.expandDims(3).matMul(k.transpose(0, 1, 2, 4, 3)).mul(scale()); // (N, H, c, 1, L)
        return scores.softmax(-1).matMul(v).squeeze(3); // (N, H, c, 1, D) -> (N, H, c, D)
    }

    private float scale() {
        return (float) (1 / Math.sqrt(config.headDim()));
    }
}
