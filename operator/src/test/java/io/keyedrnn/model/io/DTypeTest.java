package io.keyedrnn.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** binary16 decoding checked for every bit pattern against the IEEE 754 definition. */
class DTypeTest {

    /**
     * The binary16 value by definition: (−1)^s · 2^(e−15) · (1 + m/1024), subnormals 2^−14 ·
     * m/1024.
     */
    private static double reference(int bits) {
        int s = bits >>> 15;
        int e = (bits >>> 10) & 0x1f;
        int m = bits & 0x3ff;
        double sign = s == 0 ? 1 : -1;
        if (e == 0) {
            return sign * Math.scalb(m / 1024.0, -14);
        }
        if (e == 31) {
            return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return sign * Math.scalb(1 + m / 1024.0, e - 15);
    }

    @Test
    void everyHalfDecodesToItsExactValue() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            float got = DType.halfToFloat((short) bits);
            double want = reference(bits);
            if (Double.isNaN(want)) {
                assertTrue(Float.isNaN(got), "bits " + bits);
            } else {
                assertEquals(want, got, 0.0, "bits " + Integer.toHexString(bits));
                assertEquals(
                        want < 0 || (want == 0 && bits >>> 15 == 1), Math.copySign(1f, got) < 0);
            }
        }
    }
}
