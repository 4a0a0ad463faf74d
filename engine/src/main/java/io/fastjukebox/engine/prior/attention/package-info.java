/**
 * Factored sparse attention as data: each pattern states which keys a query may see (its mask)
 * and how much cache it needs while sampling; orders map layers to patterns. No model code here,
 * so everything is testable without DJL (the audiocraft "patterns as data" idea, with Jukebox's
 * attn_func semantics).
 */
package io.fastjukebox.engine.prior.attention;
