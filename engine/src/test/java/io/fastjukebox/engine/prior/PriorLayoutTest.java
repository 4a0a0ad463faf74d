package io.fastjukebox.engine.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.nn.ParameterSpec;
import io.fastjukebox.engine.prior.attention.AttentionOrder;
import io.fastjukebox.engine.prior.attention.AttentionPattern;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Key names, shapes and counts of jukebox-architecture.md sections 2.1 and 2.3. */
class PriorLayoutTest {

    static PriorConfig smallPrior() { // hparams small_prior, labels=False, small_vqvae level 1
        return new PriorConfig(1, 8192, 1024, 48, 1, AttentionOrder.ROW_COLUMN_PREVIOUS_ROW, 64, 0.25, 1.0, 0.7, 1024,
                false, null);
    }

    static PriorConfig smallUpsampler() { // hparams small_upsampler, labels=False, conditioned on small_vqvae level 1
        return new PriorConfig(0, 8192, 1024, 48, 1, AttentionOrder.ROW_COLUMN_PREVIOUS_ROW, 64, 0.25, 1.0, 0.7, 1024,
                false, new ConditionerConfig(1024, 512, 16, 3, 8, false, 3, 2));
    }

    private static long count(List<ParameterSpec> specs) {
        return specs.stream().mapToLong(ParameterSpec::numel).sum();
    }

    @Test
    void smallPriorHasTheSpecsKeysAndParameterCount() {
        List<ParameterSpec> specs = PriorLayout.specs(smallPrior());
        assertEquals(580 - 1, specs.size()); // + prior.x_out.weight, tied to x_emb, in the state dict
        assertEquals(160_814_080L, count(specs));
        Map<String, ParameterSpec> byName = specs.stream().collect(Collectors.toMap(ParameterSpec::name, Function.identity()));
        assertArrayEquals(new long[] {1, 1024}, byName.get("prior.start_token").shape());
        assertArrayEquals(new long[] {8192, 1024}, byName.get("prior.pos_emb.pos_emb").shape());
        assertArrayEquals(new long[] {1024, 768}, byName.get("prior.transformer._attn_mods.47.attn.c_attn.w").shape());
        assertArrayEquals(new long[] {256, 1024}, byName.get("prior.transformer._attn_mods.0.attn.c_proj.w").shape());
        assertArrayEquals(new long[] {1024, 1024}, byName.get("prior.transformer._attn_mods.3.mlp.c_fc.w").shape());
    }

    @Test
    void smallUpsamplerHasTheSpecsKeysAndParameterCount() {
        List<ParameterSpec> specs = PriorLayout.specs(smallUpsampler());
        assertEquals(783 - 1, specs.size());
        assertEquals(218_015_232L, count(specs));
        Map<String, ParameterSpec> byName = specs.stream().collect(Collectors.toMap(ParameterSpec::name, Function.identity()));
        assertArrayEquals(new long[] {512, 1024, 3}, byName.get("conditioner_blocks.0.cond.model.0.weight").shape());
        assertArrayEquals(new long[] {512, 512, 3}, byName.get("conditioner_blocks.0.cond.model.3.0.blocks.15.model.1.weight").shape());
        assertArrayEquals(new long[] {512, 512, 4}, byName.get("conditioner_blocks.0.cond.model.2.1.weight").shape());
        assertArrayEquals(new long[] {512, 1024, 4}, byName.get("conditioner_blocks.0.cond.model.3.1.weight").shape());
        assertArrayEquals(new long[] {1024}, byName.get("conditioner_blocks.0.ln.weight").shape());
        assertEquals("conditioner_blocks.0.x_emb.weight", specs.get(0).name());
    }

    @Test
    void releasedUpsamplerShapesWithoutLabelsAndTheirPatterns() {
        PriorConfig up = new PriorConfig(0, 8192, 1920, 72, 1, AttentionOrder.of(2), 128, 0.25, 1.0, 0.4, 2048, false,
                new ConditionerConfig(2048, 1024, 16, 3, 8, false, 2, 2));
        // 1006 keys with labels: minus y_emb's 2 tables, plus the start token; x_out is tied.
        assertEquals(1006 - 2 + 1 - 1, PriorLayout.specs(up).size());
        assertEquals(981_298_176L - (120 + 4111) * 1920L + 1920L, count(PriorLayout.specs(up)));
        assertEquals(480, up.nState());
        assertEquals(64, up.blockCtx());
        assertEquals(AttentionPattern.ROW, up.pattern(0));
        assertEquals(AttentionPattern.COLUMN, up.pattern(1));
        assertEquals(AttentionPattern.PREVIOUS_ROW, up.pattern(71));
        assertEquals(729, up.conditioner().dilation(14)); // 3^(14 mod 8)
    }

    @Test
    void configJsonUsesJukeboxNamesAndBadConfigsAreNamed() throws Exception {
        String json = Json.mapper().writeValueAsString(smallUpsampler());
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"attn_order\" : 2"), json);
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"n_ctx\" : 8192"), json);
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"dilation_cycle\" : 8"), json);
        assertEquals(smallUpsampler(), Json.mapper().readValue(json, PriorConfig.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PriorConfig(0, 100, 64, 3, 2, AttentionOrder.DENSE, 7, 0.25, 1, 1, 16, false, null));
        assertEquals("n_ctx 100 is not divisible by blocks 7", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttentionOrder.of(12));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("attn_order 12 is not supported"));
    }
}
