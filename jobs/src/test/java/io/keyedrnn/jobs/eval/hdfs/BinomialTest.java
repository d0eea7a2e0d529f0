package io.keyedrnn.jobs.eval.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BinomialTest {

    @Test
    void zeroEventsBoundIsTheClosedForm() {
        // P(X = 0) = (1-p)^n = alpha  <=>  p = 1 - alpha^(1/n); for n = 971 that is the
        // "≤0.308%" the suite prints for a clean held-out set.
        for (int n : new int[] {1, 10, 971}) {
            assertEquals(1 - Math.pow(0.05, 1.0 / n), Binomial.upper(0, n, 0.05), 1e-12);
        }
    }

    @Test
    void boundSolvesTheTailEquation() {
        // k = 1: P(X <= 1) = (1-p)^n + n p (1-p)^(n-1), evaluated directly at the bound.
        int n = 200;
        double p = Binomial.upper(1, n, 0.05);
        double tail = Math.pow(1 - p, n) + n * p * Math.pow(1 - p, n - 1);
        assertEquals(0.05, tail, 1e-9);
        assertEquals(1.0, Binomial.upper(5, 5, 0.05));
        assertEquals(1.0, Binomial.cdf(3, 3, 0.4), 1e-12);
    }
}
