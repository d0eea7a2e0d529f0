package io.keyedrnn.model.io;

import static io.keyedrnn.model.io.ModelFileAssertions.assertRejected;
import static io.keyedrnn.model.io.RawSafetensors.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Weight values: non-finite values are refused by position, other dtypes convert to float32. */
class ModelFileValuesTest {

    private static RawSafetensors lstmWith(String name, int[] shape, float[] values) {
        return RawSafetensors.plain(4, 2, 3, 1, 2).drop(name).f32(name, shape, values);
    }

    @Test
    void nanOrInfinityIsRefusedWithTensorAndIndex() {
        float[] w = values(36, 2);
        w[5] = Float.NaN;
        assertRejected(
                lstmWith("weight_hh_l0", new int[] {12, 3}, w),
                "tensor weight_hh_l0 holds NaN at flat index 5");
        float[] b = values(2, 3);
        b[1] = Float.NEGATIVE_INFINITY;
        assertRejected(
                lstmWith("head.bias", new int[] {2}, b),
                "tensor head.bias holds -Infinity at flat index 1");
    }

    @Test
    void f64OutsideFloatRangeIsRefusedAfterConversion() {
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        d.putDouble(0.5).putDouble(1e300);
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 1, 0);
        f.raw("head.bias", "F64", new int[] {2}, d.array());
        f.f32("head.weight", new int[] {2, 3}, values(6, 1));
        assertRejected(
                f, "tensor head.bias holds Infinity at flat index 1 (after conversion from F64)");
    }

    @Test
    void f16NanIsRefused() {
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 1, 0);
        f.raw("head.bias", "F16", new int[] {2}, new byte[] {0, 0x3c, 0x00, 0x7e});
        f.f32("head.weight", new int[] {2, 3}, values(6, 1));
        assertRejected(f, "tensor head.bias holds NaN at flat index 1");
    }

    /** Multiples of 1/8 in [-4, 4): exact in F16, BF16, F32 and F64 alike. */
    private static float[] eighths(int n, int seed) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = ((seed * 13 + i * 7) % 64 - 32) / 8f;
        }
        return v;
    }

    /** Encodes a float that is exact in binary16 (normal or zero), from the IEEE field layout. */
    private static short half(float v) {
        int bits = Float.floatToIntBits(v);
        int sign = (bits >>> 16) & 0x8000;
        if (v == 0) {
            return (short) sign;
        }
        int exp = Math.getExponent(v) + 15;
        int mantissa = (bits & 0x7fffff) >>> 13;
        return (short) (sign | exp << 10 | mantissa);
    }

    @Test
    void f16Bf16AndF64ConvertExactly() throws Exception {
        float[] wIh = eighths(24, 1);
        float[] wHh = eighths(36, 2);
        float[] bIh = eighths(12, 3);
        float[] bHh = eighths(12, 4);
        ByteBuffer f16 = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : wIh) {
            f16.putShort(half(v));
        }
        ByteBuffer bf16 = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : wHh) {
            bf16.putShort((short) (Float.floatToIntBits(v) >>> 16));
        }
        ByteBuffer f64 = ByteBuffer.allocate(96).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : bIh) {
            f64.putDouble(v);
        }
        RawSafetensors f = new RawSafetensors();
        f.raw("weight_ih_l0", "F16", new int[] {12, 2}, f16.array());
        f.raw("weight_hh_l0", "BF16", new int[] {12, 3}, bf16.array());
        f.raw("bias_ih_l0", "F64", new int[] {12}, f64.array());
        f.f32("bias_hh_l0", new int[] {12}, bHh);
        var layer = ModelFile.read(f.bytes(), "mixed").network().layers().get(0);
        assertArrayEquals(wIh, layer.weightIh());
        assertArrayEquals(wHh, layer.weightHh());
        assertArrayEquals(bIh, layer.biasIh());
        assertArrayEquals(bHh, layer.biasHh());
    }
}
