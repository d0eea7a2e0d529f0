package io.keyedrnn.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogLikelihoodTest {

    @Test
    void matchesNabsFormulaOnTheLikelihood() {
        // NuPIC's computeLogLikelihood, used by NAB's numenta detector: log(1.0000000001 - L)
        // divided by the constant -23.02585084720009 (= log(1e-10)).
        for (double tail : new double[] {0.5, 0.1, 1e-3, 1e-5, 1e-7}) {
            double l = 1 - tail;
            double nab = Math.log(1.0000000001 - l) / -23.02585084720009;
            assertEquals(nab, LogLikelihood.ofTail(tail), 1e-6, "tail " + tail);
        }
    }

    @Test
    void separatesTailsAPlainLikelihoodCannot() {
        // 0.99999 and 0.999999 differ by 1e-6 as likelihoods, by 0.1 on the log scale.
        double a = LogLikelihood.ofTail(1e-5);
        double b = LogLikelihood.ofTail(1e-6);
        assertEquals(0.5, a, 1e-4);
        assertEquals(0.6, b, 1e-4);
    }

    @Test
    void staysInTheUnitInterval() {
        assertEquals(1.0, LogLikelihood.ofTail(0));
        assertEquals(1.0, LogLikelihood.ofTail(-1e-3));
        assertEquals(0.0, LogLikelihood.ofTail(1.0), 1e-9);
        assertTrue(LogLikelihood.ofTail(0.5) > 0 && LogLikelihood.ofTail(0.5) < 0.05);
    }
}
