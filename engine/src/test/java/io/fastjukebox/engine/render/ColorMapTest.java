package io.fastjukebox.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColorMapTest {

    @Test
    void tablesHaveMatplotlibsEndColours() {
        assertEquals(0xff000004, ColorMap.MAGMA.argb(0)); // matplotlib magma(0.0)
        assertEquals(0xfffcfdbf, ColorMap.MAGMA.argb(1)); // magma(1.0)
        assertEquals(0xff440154, ColorMap.VIRIDIS.argb(0));
        assertEquals(0xfffde725, ColorMap.VIRIDIS.argb(1));
        assertEquals(0xff000000, ColorMap.GREYS.argb(0));
        assertEquals(0xffffffff, ColorMap.GREYS.argb(1));
        for (ColorMap m : ColorMap.values()) {
            assertEquals(256, m.table().length);
        }
    }

    @Test
    void magmaGetsBrighterFromLowToHigh() {
        int[] t = ColorMap.MAGMA.table();
        assertTrue(luma(t[0]) < luma(t[128]) && luma(t[128]) < luma(t[255]));
    }

    @Test
    void clampsOutOfRangeAndNaN() {
        assertEquals(ColorMap.MAGMA.argb(0), ColorMap.MAGMA.argb(-3));
        assertEquals(ColorMap.MAGMA.argb(1), ColorMap.MAGMA.argb(7));
        assertEquals(ColorMap.MAGMA.argb(0), ColorMap.MAGMA.argb(Double.NaN));
    }

    @Test
    void parsesNamesAndListsTheChoicesOnError() {
        assertEquals(ColorMap.VIRIDIS, ColorMap.parse("Viridis"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColorMap.parse("jet"));
        assertEquals("unknown colour map 'jet' (choose magma, viridis or greys)", e.getMessage());
    }

    static double luma(int argb) {
        return 0.2126 * ((argb >> 16) & 0xff) + 0.7152 * ((argb >> 8) & 0xff) + 0.0722 * (argb & 0xff);
    }
}
