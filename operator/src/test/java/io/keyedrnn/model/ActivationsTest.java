package io.keyedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
