package io.keyedrnn.jobs.eval.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SessionEitherTest {

    @Test
    void aSessionIsFlaggedByEitherRuleButCountedOnce() {
        // rank only, surprisal only, both, neither
        SessionScores s =
                new SessionScores(
                        new int[] {9, 2, 12, 3}, new double[] {1.0, 8.0, 9.0, 2.0}, new boolean[4]);
        assertEquals(3, SessionEither.flagged(s, 9, 7.5));
        assertEquals(2, SessionEither.rates(s, s, 9, 100.0).flaggedAbnormal());
    }

    @Test
    void theThresholdFlagsNoValidationSessionSoTheBudgetStaysWithG() {
        SessionScores val =
                new SessionScores(
                        new int[] {0, 4, 1}, new double[] {0.5, 6.25, 3.0}, new boolean[3]);
        double t = SessionEither.chooseThreshold(val);
        assertEquals(6.25, t);
        assertEquals(0, SessionEither.flagged(val, 5, t));
        assertEquals(1, SessionEither.flagged(val, 4, t));
    }
}
