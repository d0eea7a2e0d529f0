package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The prediction JSON's numbers: exact round-trip, shortest, in Float.toString's notation. */
class JsonNumbersTest {
    private final StringBuilder sb = new StringBuilder();

    private String text(float v) {
        sb.setLength(0);
        JsonText.number(sb, v);
        return sb.toString();
    }

    private String text(double v) {
        sb.setLength(0);
        JsonText.number(sb, v);
        return sb.toString();
    }

    /** Round-trips to the same bits, no longer than Java's text, in the same notation. */
    private void checkFloat(float v) {
        if (!Float.isFinite(v)) {
            return; // nextUp(MAX_VALUE); non-finite numbers are nonFiniteIsNull's
        }
        String s = text(v);
        int bits = Float.floatToRawIntBits(v);
        assertEquals(bits, Float.floatToRawIntBits(Float.parseFloat(s)), s);
        String jdk = Float.toString(v);
        assertTrue(s.length() <= jdk.length(), s + " longer than " + jdk);
        assertEquals(jdk.contains("E"), s.contains("E"), s + " vs " + jdk);
        assertEquals(jdk.startsWith("-"), s.startsWith("-"), s);
    }

    @Test
    void randomFloatsRoundTripExactly() {
        SplittableRandom rnd = new SplittableRandom(12);
        int checked = 0;
        while (checked < 4_000_000) {
            float v = Float.intBitsToFloat(rnd.nextInt());
            if (Float.isFinite(v)) {
                checkFloat(v);
                checked++;
            }
        }
    }

    @Test
    void floatsOfTypicalMagnitudeRoundTripExactly() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int i = 0; i < 2_000_000; i++) {
            checkFloat((float) rnd.nextDouble(-20, 20));
        }
    }

    @Test
    void edgeCaseFloats() {
        float[] fixed = {
            0f,
            -0f,
            Float.MIN_VALUE,
            -Float.MIN_VALUE,
            Float.MIN_NORMAL,
            Float.MAX_VALUE,
            1e-3f,
            1e7f,
            9999999f,
            16777216f,
            16777217f,
            0.1f,
            1f / 3,
            2e-3f,
            1.1754942E-38f
        };
        for (float v : fixed) {
            checkFloat(v);
            checkFloat(Math.nextUp(v));
            checkFloat(Math.nextDown(v));
        }
        for (int e = -149; e <= 127; e++) {
            float p = (float) Math.scalb(1.0, e);
            checkFloat(p);
            checkFloat(Math.nextUp(p));
            checkFloat(Math.nextDown(p));
            checkFloat(-p);
        }
        for (int bits = 0; bits < 1 << 20; bits++) {
            checkFloat(Float.intBitsToFloat(bits)); // the smallest subnormals
        }
        for (int k = -45; k <= 38; k++) {
            float d = Float.parseFloat("1e" + k); // powers of ten and their neighbours
            checkFloat(d);
            checkFloat(Math.nextUp(d));
            checkFloat(Math.nextDown(d));
        }
    }

    /** No decimal with one significant digit fewer parses back to the same float. */
    @Test
    void floatTextIsShortest() {
        SplittableRandom rnd = new SplittableRandom(14);
        for (int i = 0; i < 200_000; i++) {
            float v = Float.intBitsToFloat(rnd.nextInt() & 0x7fffffff);
            if (!Float.isFinite(v) || v == 0f) {
                continue;
            }
            int digits = new BigDecimal(text(v)).stripTrailingZeros().precision();
            if (digits > 1) {
                BigDecimal exact = new BigDecimal(v);
                for (RoundingMode m :
                        new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                    float shorter = exact.round(new MathContext(digits - 1, m)).floatValue();
                    assertNotEquals(
                            v, shorter, text(v) + " could have " + (digits - 1) + " digits");
                }
            }
        }
    }

    @Test
    void doublesRoundTripExactly() {
        SplittableRandom rnd = new SplittableRandom(15);
        for (int i = 0; i < 2_000_000; i++) {
            double v = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isFinite(v)) {
                String s = text(v);
                assertEquals(
                        Double.doubleToRawLongBits(v),
                        Double.doubleToRawLongBits(Double.parseDouble(s)),
                        s);
                assertTrue(s.length() <= Double.toString(v).length(), s);
            }
        }
        double[] fixed = {
            0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 2e23, 1e-3, 1e7
        };
        for (double v : fixed) {
            assertEquals(v, Double.parseDouble(text(v)));
            assertEquals(Double.toString(v).contains("E"), text(v).contains("E"), text(v));
        }
        assertEquals("2.0E23", text(2e23), "Java 17 prints 1.9999999999999998E23");
    }

    @Test
    void nonFiniteIsNull() {
        assertEquals("null", text(Float.NaN));
        assertEquals("null", text(Float.NEGATIVE_INFINITY));
        assertEquals("null", text(Double.POSITIVE_INFINITY));
        assertEquals("1.0E-5", text(1e-5f));
        assertEquals("0.001", text(1e-3f));
        assertEquals("1.0E7", text(1e7f));
        assertEquals("-0.0", text(-0f));
    }
}
