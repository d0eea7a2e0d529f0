package io.keyedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActivationsTest {

    /** Distance in float ulps between the float result and the exact double value. */
    private static double ulps(float actual, double exact) {
        return Math.abs(actual - exact) / Math.ulp((float) exact);
    }

    @Test
    void tanhIsWithinSixUlpOverTheWholeRange() {
        double worst = 0;
        for (int i = -200_000; i <= 200_000; i++) {
            float x = i * 1e-4f;
            worst = Math.max(worst, ulps(Activations.tanh(x), Math.tanh(x)));
        }
        assertTrue(worst <= 6, "worst error " + worst + " ulp");
    }

    @Test
    void tanhIsExactAtZeroOddAndSaturates() {
        assertEquals(0f, Activations.tanh(0f));
        assertEquals(-Activations.tanh(0.7f), Activations.tanh(-0.7f));
        assertEquals(1f, Activations.tanh(50f), 1e-7f);
        assertEquals(-1f, Activations.tanh(-1e30f), 1e-7f);
        assertEquals(1f, Activations.tanh(Float.POSITIVE_INFINITY), 1e-7f);
    }

    @Test
    void tinyArgumentsKeepRelativeAccuracy() {
        float x = 1e-20f;
        assertEquals(1.0, Activations.tanh(x) / x, 1e-6);
    }

    @Test
    void sigmoidIsWithinTwoTenMillionthsAbsolute() {
        double worst = 0;
        for (int i = -300_000; i <= 300_000; i++) {
            float x = i * 1e-4f;
            double exact = 1 / (1 + Math.exp(-x));
            worst = Math.max(worst, Math.abs(Activations.sigmoid(x) - exact));
        }
        assertTrue(worst < 2e-7, "worst absolute error " + worst);
    }

    @Test
    void arrayFormsTouchOnlyTheirRange() {
        float[] v = {2f, 2f, 2f, 2f};
        Activations.tanh(v, 1, 2);
        assertEquals(2f, v[0]);
        assertEquals(Activations.tanh(2f), v[1]);
        assertEquals(Activations.tanh(2f), v[2]);
        assertEquals(2f, v[3]);
        Activations.sigmoid(v, 0, 1);
        assertEquals(Activations.sigmoid(2f), v[0]);
        Activations.relu(v, 3, 1);
        assertEquals(2f, v[3]);
    }

    @Test
    void arrayPassesEqualTheScalarFormsBitForBit() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int n = 1; n <= 300; n += n < 40 ? 1 : 17) {
            for (int off = 0; off < 3; off++) {
                float[] v = randomFloats(rnd, off + n + 2);
                float[] t = v.clone();
                float[] s = v.clone();
                Activations.tanh(t, off, n);
                Activations.sigmoid(s, off, n);
                for (int i = 0; i < v.length; i++) {
                    boolean in = i >= off && i < off + n;
                    assertSameBits(in ? Activations.tanh(v[i]) : v[i], t[i], "tanh " + v[i]);
                    assertSameBits(in ? Activations.sigmoid(v[i]) : v[i], s[i], "σ " + v[i]);
                }
            }
        }
    }

    @Test
    void lstmGatesAreSigmoidTanhSigmoidSigmoidBitForBit() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int h = 1; h <= 140; h += h < 20 ? 1 : 13) {
            float[] g = randomFloats(rnd, 4 * h + 3);
            float[] a = g.clone();
            Activations.lstmGates(a, h);
            for (int i = 0; i < g.length; i++) {
                float expected =
                        i >= 4 * h
                                ? g[i]
                                : i / h == 2 ? Activations.tanh(g[i]) : Activations.sigmoid(g[i]);
                assertSameBits(expected, a[i], "h " + h + " index " + i + " of " + g[i]);
            }
        }
    }

    /** Mostly gate-sized values, with saturating, tiny, signed-zero and infinite ones mixed in. */
    private static float[] randomFloats(SplittableRandom rnd, int n) {
        float[] special = {0f, -0f, 9f, -9f, 18f, 1e-40f, -3e38f, Float.POSITIVE_INFINITY};
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            v[i] =
                    kind == 0
                            ? special[rnd.nextInt(special.length)]
                            : kind == 1
                                    ? Float.intBitsToFloat(rnd.nextInt() & 0x7f7fffff) // finite
                                    : (float) rnd.nextDouble(-12, 12);
        }
        return v;
    }

    private static void assertSameBits(float expected, float actual, String what) {
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual), what);
    }
}
