package io.fastjukebox.engine.vqvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fastjukebox.engine.config.Json;
import io.fastjukebox.engine.nn.ParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The official key names and shapes of jukebox-architecture.md sections 1.3, 1.7 and 1.8. */
class VqVaeLayoutTest {

    @Test
    void releasedVqVaeHasTheOfficial669KeysAndParameterCount() {
        List<ParameterSpec> specs = VqVaeLayout.specs(VqVaeConfig.jukebox());
        assertEquals(669, specs.size());
        long learnable = specs.stream().filter(s -> s.kind() != ParameterSpec.Kind.BUFFER).mapToLong(ParameterSpec::numel).sum();
        long codebooks = specs.stream().filter(s -> s.kind() == ParameterSpec.Kind.BUFFER).mapToLong(ParameterSpec::numel).sum();
        assertEquals(1_485_763, learnable);
        assertEquals(3 * 131_072, codebooks);

        Map<String, ParameterSpec> byName = specs.stream().collect(Collectors.toMap(ParameterSpec::name, Function.identity()));
        assertShape(byName, "encoders.0.level_blocks.0.model.0.0.weight", 64, 1, 4);
        assertShape(byName, "encoders.0.level_blocks.0.model.3.weight", 64, 64, 3);
        assertShape(byName, "encoders.2.level_blocks.2.model.0.0.weight", 32, 64, 4);
        assertShape(byName, "decoders.0.level_blocks.0.model.3.1.weight", 64, 64, 4);
        assertShape(byName, "decoders.2.level_blocks.0.model.3.1.weight", 32, 64, 4);
        assertShape(byName, "decoders.2.level_blocks.2.model.2.1.weight", 32, 64, 4);
        assertShape(byName, "decoders.1.level_blocks.1.model.1.0.model.3.model.3.weight", 32, 32, 1);
        assertShape(byName, "decoders.0.out.weight", 1, 64, 3);
        assertShape(byName, "bottleneck.level_blocks.2.k", 2048, 64);
        assertEquals("encoders.0.level_blocks.0.model.0.0.weight", specs.get(0).name());
        assertEquals("bottleneck.level_blocks.2.k", specs.get(specs.size() - 1).name());
    }

    @Test
    void smallVqVaeOfTheSpecHas486Keys() {
        VqVaeConfig small = new VqVaeConfig(22050, 2, List.of(5, 3), List.of(2, 2), 64, 1024, 32, 4, 1.0, 3, null,
                List.of(1, 1), true, 0.99, 0.02, 1.0);
        List<ParameterSpec> specs = VqVaeLayout.specs(small);
        assertEquals(486, specs.size());
        assertEquals(586_050, specs.stream().filter(s -> s.kind() != ParameterSpec.Kind.BUFFER).mapToLong(ParameterSpec::numel).sum());
        assertEquals(32, small.hopLength(0));
        assertEquals(256, small.hopLength(1));
    }

    @Test
    void dilationsFollowTheSpecTables() {
        VqVaeConfig c = VqVaeConfig.jukebox();
        int[] encoder0 = new int[8];
        int[] decoder0 = new int[8];
        for (int j = 0; j < 8; j++) {
            encoder0[j] = VqVaeLayout.dilation(c, c.depth(0), j, false);
            decoder0[j] = VqVaeLayout.dilation(c, c.depth(0), j, true);
        }
        assertArrayEquals(new int[] {1, 3, 9, 27, 81, 243, 729, 2187}, encoder0);
        assertArrayEquals(new int[] {2187, 729, 243, 81, 27, 9, 3, 1}, decoder0);
        assertEquals(4, c.depth(1));
        assertEquals(8, c.hopLength(0));
        assertEquals(32, c.hopLength(1));
        assertEquals(128, c.hopLength(2));
    }

    @Test
    void configRoundTripsThroughJsonWithJukeboxNamesAndRejectsBadValues() throws Exception {
        VqVaeConfig c = VqVaeConfig.small();
        String json = Json.mapper().writeValueAsString(c);
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"downs_t\""), json);
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"l_bins\" : 512"), json);
        assertEquals(c, Json.mapper().readValue(json, VqVaeConfig.class));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VqVaeConfig(22050, 3,
                List.of(3, 2), List.of(2, 2, 2), 64, 512, 32, 4, 1.0, 3, null, List.of(1, 1, 1), true, 0.99, 0.02, 1.0));
        assertEquals("downs_t [3, 2] must have one entry per level (3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new VqVaeConfig(22050, 1, List.of(3), List.of(3), 64,
                512, 32, 4, 1.0, 3, null, List.of(1), true, 0.99, 0.02, 1.0));
        assertEquals("strides_t[0] = 3: only stride 2 (kernel 4, padding 1) is supported", e.getMessage());
    }

    private static void assertShape(Map<String, ParameterSpec> specs, String name, long... shape) {
        ParameterSpec s = specs.get(name);
        org.junit.jupiter.api.Assertions.assertNotNull(s, "missing " + name);
        assertArrayEquals(shape, s.shape(), name);
    }
}
