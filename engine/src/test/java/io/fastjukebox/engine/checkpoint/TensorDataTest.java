package io.fastjukebox.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class TensorDataTest {

    private static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void halfWidensExactlyIncludingSubnormalsInfinitiesAndNan() {
        // every one of the 65536 half values against an independent formula
        for (int h = 0; h < 0x10000; h++) {
            float got = TensorData.halfToFloat((short) h);
            int exp = (h >>> 10) & 0x1f;
            int mant = h & 0x3ff;
            double sign = (h & 0x8000) != 0 ? -1 : 1;
            if (exp == 0x1f) {
                assertTrue(mant == 0 ? Float.isInfinite(got) && Math.signum(got) == sign : Float.isNaN(got), "0x" + h);
            } else {
                double want = exp == 0 ? sign * mant * Math.pow(2, -24) : sign * (1 + mant / 1024.0) * Math.pow(2, exp - 15);
                assertEquals(Float.floatToIntBits((float) want), Float.floatToIntBits(got), "0x" + Integer.toHexString(h));
            }
        }
    }

    @Test
    void bf16IsTheUpperHalfOfAFloat() {
        ByteBuffer b = le(8);
        b.putShort(0, (short) 0x3f80).putShort(2, (short) 0xc049).putShort(4, (short) 0x7f80).putShort(6, (short) 0x0001);
        float[] f = TensorData.wrap(TensorDtype.BF16, new long[] {4}, b).toFloatArray();
        assertEquals(1.0f, f[0]);
        assertEquals(Float.intBitsToFloat(0xc0490000), f[1]);
        assertEquals(Float.POSITIVE_INFINITY, f[2]);
        assertEquals(Float.intBitsToFloat(0x00010000), f[3]); // a float subnormal
    }

    @Test
    void integerTypesConvertToFloatAndLong() {
        ByteBuffer b = le(4);
        b.put(0, (byte) -1).put(1, (byte) 200).put(2, (byte) 0).put(3, (byte) 7);
        assertArrayEquals(new float[] {-1, -56, 0, 7}, TensorData.wrap(TensorDtype.I8, new long[] {4}, b).toFloatArray());
        assertArrayEquals(new long[] {255, 200, 0, 7}, TensorData.wrap(TensorDtype.U8, new long[] {2, 2}, b).toLongArray());
        assertArrayEquals(new float[] {1, 1, 0, 1}, TensorData.wrap(TensorDtype.BOOL, new long[] {4}, b).toFloatArray());
        ByteBuffer d = le(16).putDouble(0, Math.PI).putDouble(8, -1e40);
        assertArrayEquals(new float[] {(float) Math.PI, Float.NEGATIVE_INFINITY},
                TensorData.wrap(TensorDtype.F64, new long[] {2}, d).toFloatArray());
        assertThrows(IllegalStateException.class, () -> TensorData.wrap(TensorDtype.F64, new long[] {2}, d).toLongArray());
    }

    @Test
    void wrapChecksTheByteCountAndKeepsItsOwnCopyOfTheShape() {
        assertThrows(IllegalArgumentException.class, () -> TensorData.wrap(TensorDtype.F32, new long[] {3}, le(8)));
        assertThrows(IllegalArgumentException.class, () -> TensorData.wrap(TensorDtype.F32, new long[] {-1}, le(0)));
        assertThrows(IllegalArgumentException.class,
                () -> TensorData.wrap(TensorDtype.F32, new long[] {1L << 40, 1L << 40}, le(0)));
        long[] shape = {2};
        TensorData t = TensorData.wrap(TensorDtype.F32, shape, le(8));
        shape[0] = 99;
        t.shape()[0] = 42;
        assertArrayEquals(new long[] {2}, t.shape());
        assertEquals(8, t.byteSize());
        assertTrue(t.data().isReadOnly());
        assertEquals(ByteOrder.LITTLE_ENDIAN, t.data().order());
        TensorData scalar = TensorData.ofFloats(new float[] {2.5f});
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.numel());
        assertEquals("TensorData[F32 []]", scalar.toString());
    }
}
