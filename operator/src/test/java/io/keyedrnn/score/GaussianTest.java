package io.keyedrnn.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussianTest {

    /** P(Z > z) by Simpson's rule on the density over [z, 12]: an independent computation. */
    private static double tailByIntegration(double z) {
        int n = 200_000;
        double hi = 12;
        double h = (hi - z) / n;
        double sum = density(z) + density(hi);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * density(z + i * h);
        }
        return sum * h / 3;
    }

    private static double density(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    @Test
    void tailMatchesIntegration() {
        for (double z = -4; z <= 6; z += 0.5) {
            double expected = tailByIntegration(z);
            assertEquals(expected, Gaussian.tail(z), 2e-7 * expected + 1e-15, "z=" + z);
        }
    }

    @Test
    void cdfIsComplementOfTail() {
        assertEquals(0.5, Gaussian.cdf(0), 1e-7);
        assertEquals(1 - Gaussian.tail(1.3), Gaussian.cdf(1.3), 1e-15);
    }
}
