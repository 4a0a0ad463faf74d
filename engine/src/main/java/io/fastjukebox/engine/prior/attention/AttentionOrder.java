package io.fastjukebox.engine.prior.attention;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Which pattern each layer uses: Jukebox's {@code attn_order} tables (spec section 3.2) for the
 * orders made of the patterns implemented here. JSON keeps Jukebox's numbers.
 */
public enum AttentionOrder {
    /** attn_order 0: dense everywhere. */
    DENSE(0, AttentionPattern.DENSE),
    /** attn_order 1: row, column. */
    ROW_COLUMN(1, AttentionPattern.ROW, AttentionPattern.COLUMN),
    /** attn_order 2: row, column, previous-row (all released upsamplers and prior_5b). */
    ROW_COLUMN_PREVIOUS_ROW(2, AttentionPattern.ROW, AttentionPattern.COLUMN, AttentionPattern.PREVIOUS_ROW),
    /** attn_order 9: row, column, previous-row, dense. */
    ROW_COLUMN_PREVIOUS_ROW_DENSE(9, AttentionPattern.ROW, AttentionPattern.COLUMN, AttentionPattern.PREVIOUS_ROW,
            AttentionPattern.DENSE);

    private final int jukeboxId;
    private final AttentionPattern[] cycle;

    AttentionOrder(int jukeboxId, AttentionPattern... cycle) {
        this.jukeboxId = jukeboxId;
        this.cycle = cycle;
    }

    /** Jukebox's {@code attn_order} number. */
    @JsonValue
    public int jukeboxId() {
        return jukeboxId;
    }

    /** The order with Jukebox number {@code id}; fails naming the supported ones. */
    @JsonCreator
    public static AttentionOrder of(int id) {
        for (AttentionOrder o : values()) {
            if (o.jukeboxId == id) {
                return o;
            }
        }
        throw new IllegalArgumentException("attn_order " + id + " is not supported (supported: 0, 1, 2, 9; orders with "
                + "summary, cross or prime attention are not implemented)");
    }

    /** The pattern of layer {@code layer}. */
    public AttentionPattern pattern(int layer) {
        return cycle[layer % cycle.length];
    }

    /** Layers per repetition of the cycle; a student's depth must be a whole number of cycles. */
    public int cycleLength() {
        return cycle.length;
    }

    /** The cycle, in order. */
    public AttentionPattern[] cycle() {
        return Arrays.copyOf(cycle, cycle.length);
    }
}
