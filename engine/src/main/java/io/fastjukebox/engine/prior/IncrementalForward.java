package io.fastjukebox.engine.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.fastjukebox.engine.prior.attention.AttentionPattern;

/**
 * The prior's forward over new positions only, reading earlier positions from a {@link KvCache}
 * (Jukebox's {@code sample=True} path): one token per step while sampling, or a chunk while priming.
 * Chunks are split at block boundaries so each piece reads one block's caches.
 *
 * <p>Runs on the session's {@link SamplingWeights} with one libtorch call per op ({@link PtOps}).
 * The residual stream is one fresh array per piece, updated in place. A single token runs on
 * (N, W) rows (matrices throughout for one sequence and head); a layer is 11 ops that allocate
 * (LN, kv and q products, scores, softmax, weighted values, output projection, LN, c_fc,
 * sigmoid, c_proj; column and dense layers add a slot view) and 12 in-place ones (biases, the
 * cache write, q scale, mask, GELU product and scale, two residual adds), and its temporaries are
 * freed when it ends.
 *
 * <p>Legend: N batch, c positions in the piece, W width, S = n_state, H heads, D head width,
 * L visible keys.
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
        Shape shape = inputs.getShape();
        int n = (int) shape.get(0);
        int c = (int) shape.get(1);
        int start = cache.length();
        if (start + c > config.nCtx()) {
            throw new IllegalArgumentException("positions " + start + ".." + (start + c - 1) + " exceed n_ctx "
                    + config.nCtx());
        }
        SamplingWeights w = cache.weights(network);
        if (c == 1) {
            NDArray logits = token(cache, w, start, n, inputs, xCond);
            cache.advance(1);
            return logits;
        }
        NDList pieces = new NDList();
        int done = 0;
        while (done < c) {
            int p = start + done;
            int piece = Math.min(c - done, config.blockCtx() - p % config.blockCtx());
            NDArray in = PtOps.slice(inputs, 1, done, done + piece);
            NDArray cond = xCond == null ? null : PtOps.slice(xCond, 1, done, done + piece);
            pieces.add(piece == 1 ? token(cache, w, p, n, in, cond) : chunk(cache, w, p, n, piece, in, cond));
            cache.advance(piece);
            done += piece;
        }
        return pieces.size() == 1 ? pieces.get(0) : NDArrays.concat(pieces, 1); // pieces along positions
    }

    /** Logits (N, 1, V) of the single position p; works on (N, W) rows throughout. */
    private NDArray token(KvCache cache, SamplingWeights w, int p, int n, NDArray inputs, NDArray xCond) {
        NDArray h = PtOps.embedding(PtOps.reshape(inputs, n), w.tokenEmbedding); // (N, W), a new array
        if (p == 0) { // the start token replaces position 0's (ignored) input
            PtOps.put(h, w.startToken, new long[] {0, 0}, new long[] {n, config.width()}, new long[] {1, 1});
        }
        PtOps.addi(h, PtOps.slice(w.positionEmbedding, 0, p, p + 1)); // + (1, W)
        NDArray cond = xCond == null ? null : PtOps.reshape(xCond, n, config.width());
        if (cond != null) {
            PtOps.addi(h, cond);
        }
        for (int i = 0; i < config.depth(); i++) {
            try (NDScope layerScope = new NDScope()) { // frees the layer's temporaries at once: memory stays hot
                SamplingWeights.Layer lw = w.layers[i];
                LayerCache lc = cache.layer(i);
                NDArray x = PtOps.layerNorm(h, w.widthShape, lw.ln0Weight(), lw.ln0Bias());
                lc.writeToken(p, PtOps.affine(x, lw.kvWeight(), lw.kvBias())); // (N, 2S)
                PtOps.addi(h, attendToken(lw, w, lc, p, n, x));
                mlp(lw, w, h);
            }
        }
        if (cond != null && !config.mergedDecoder()) {
            PtOps.addi(h, cond);
        }
        return PtOps.reshape(PtOps.matMul(h, w.outputWeight), n, 1, config.bins()); // (N, W) x (W, V)
    }

    /** Logits (N, c, V) of positions {@code [p, p + c)}, all in one block. */
    private NDArray chunk(KvCache cache, SamplingWeights w, int p, int n, int c, NDArray inputs, NDArray xCond) {
        NDArray h = PtOps.embedding(inputs, w.tokenEmbedding); // (N, c, W), a new array
        if (p == 0) {
            PtOps.put(h, w.startToken, new long[] {0, 0, 0}, new long[] {n, 1, config.width()}, new long[] {1, 1, 1});
        }
        PtOps.addi(h, PtOps.slice(w.positionEmbedding, 0, p, p + c)); // + (c, W)
        if (xCond != null) {
            PtOps.addi(h, xCond);
        }
        for (int i = 0; i < config.depth(); i++) {
            SamplingWeights.Layer lw = w.layers[i];
            LayerCache lc = cache.layer(i);
            NDArray x = PtOps.layerNorm(h, w.widthShape, lw.ln0Weight(), lw.ln0Bias());
            lc.write(p, PtOps.affine(x, lw.kvWeight(), lw.kvBias()), c); // (N, c, 2S)
            PtOps.addi(h, attendChunk(lw, w, lc, config.pattern(i), p, n, c, x));
            mlp(lw, w, h);
        }
        if (xCond != null && !config.mergedDecoder()) {
            PtOps.addi(h, xCond);
        }
        return PtOps.matMul(h, w.outputWeight); // (N, c, W) x (W, V) -> (N, c, V)
    }

    /** {@code h += c_proj(quick_gelu(c_fc(ln_1(h))))}, in place. */
    private static void mlp(SamplingWeights.Layer lw, SamplingWeights w, NDArray h) {
        NDArray u = PtOps.affine(PtOps.layerNorm(h, w.widthShape, lw.ln1Weight(), lw.ln1Bias()), lw.fcWeight(),
                lw.fcBias()); // 1.702 * c_fc(ln_1(h)): the 1.702 is in ln_1 and the bias
        NDArray g = PtOps.sigmoid(u);
        PtOps.muli(g, u); // 1.702 * quick_gelu(c_fc(ln_1(h)))
        NDArray m = PtOps.matMul(g, lw.mlpProjWeight());
        PtOps.muli(m, w.geluUnscale);
        PtOps.addi(m, lw.mlpProjBias());
        PtOps.addi(h, m);
    }

    /** q (N, [c,] S) of normalised x, scaled by 1/sqrt(D). */
    private static NDArray query(SamplingWeights.Layer lw, SamplingWeights w, NDArray x) {
        NDArray q = PtOps.affine(x, lw.qWeight(), lw.qBias());
        PtOps.muli(q, w.attentionScale);
        return q;
    }

    /** Attention output (N, W) of the single query at position p. */
    private NDArray attendToken(SamplingWeights.Layer lw, SamplingWeights w, LayerCache lc, int p, int n, NDArray x) {
        NDArray[] kvm = lc.token(p);
        if (kvm == null) {
            return lw.projBias(); // previous row in block 0: zero keys and values give a zero attention output
        }
        NDArray q = query(lw, w, x); // (N, S)
        if (n == 1 && config.heads() == 1) { // matrices
            NDArray scores = PtOps.matMul(q, kvm[0]); // (1, L)
            if (kvm[2] != null) {
                PtOps.addi(scores, kvm[2]);
            }
            NDArray out = PtOps.matMul(PtOps.softmax(scores), kvm[1]); // (1, D)
            return PtOps.affine(out, lw.projWeight(), lw.projBias());
        }
        q = PtOps.reshape(q, (long) n * config.heads(), 1, config.headDim()); // (N H, 1, D): one position
        NDArray scores = PtOps.bmm(q, kvm[0]); // (N H, 1, L)
        if (kvm[2] != null) {
            PtOps.addi(scores, kvm[2]);
        }
        NDArray out = PtOps.bmm(PtOps.softmax(scores), kvm[1]); // (N H, 1, D)
        out = PtOps.reshape(out, n, config.nState()); // (N, S)
        return PtOps.affine(out, lw.projWeight(), lw.projBias());
    }

    /** Attention output (N, c, W) of the queries at {@code [p, p + c)} (one block). */
    private NDArray attendChunk(SamplingWeights.Layer lw, SamplingWeights w, LayerCache lc, AttentionPattern pattern, int p,
            int n, int c, NDArray x) {
        NDArray[] kvm = lc.chunk(p, c);
        if (kvm == null) {
            return lw.projBias();
        }
        int heads = config.heads();
        int d = config.headDim();
        NDArray q = query(lw, w, x); // (N, c, S)
        q = PtOps.transpose(PtOps.reshape(q, n, c, heads, d), 1, 2); // (N, H, c, D)
        NDArray out;
        if (pattern == AttentionPattern.COLUMN) { // one history per query
            q = PtOps.reshape(q, n, heads, c, 1, d); // (N, H, c, 1, D)
            NDArray scores = PtOps.matMul(q, kvm[0]); // (N, H, c, 1, L)
            out = PtOps.reshape(PtOps.matMul(PtOps.softmax(scores), kvm[1]), n, heads, c, d); // (N, H, c, D)
        } else {
            NDArray scores = PtOps.matMul(q, kvm[0]); // (N, H, c, L)
            if (kvm[2] != null) {
                PtOps.addi(scores, kvm[2]);
            }
            out = PtOps.matMul(PtOps.softmax(scores), kvm[1]);
        }
        out = PtOps.reshape(PtOps.transpose(out, 1, 2), n, c, config.nState()); // (N, c, S)
        return PtOps.affine(out, lw.projWeight(), lw.projBias());
    }
}
