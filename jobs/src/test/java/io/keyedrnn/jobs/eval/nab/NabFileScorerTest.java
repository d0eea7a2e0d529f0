package io.keyedrnn.jobs.eval.nab;

import static io.keyedrnn.jobs.eval.nab.NabFixtures.at;
import static io.keyedrnn.jobs.eval.nab.NabFixtures.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyedrnn.jobs.eval.data.NabSeries;
import io.keyedrnn.jobs.eval.data.NabWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases. A file of 100 rows has floor(0.15·100) = 15 probationary rows. Expected
 * rewards use the identity 2/(1+e^{5y}) − 1 = tanh(−5y/2), so σ_A(−1) = tanh(2.5): an independent
 * formula, not the code under test.
 */
class NabFileScorerTest {
    private static final double EPS = 1e-12;
    private static final NabProfile STD = NabProfile.STANDARD;
    // One window on rows 40..49: width 10.
    private static final NabSeries ONE = series("one", 100, new int[] {40, 49});

    private static double score(NabSeries s, boolean[] d, NabProfile p) {
        return NabFileScorer.score(s, d, p).score();
    }

    @Test
    void probationIsFifteenPercentCappedAt750Rows() {
        assertEquals(15, Probation.rows(100));
        assertEquals(14, Probation.rows(99)); // floor(14.85)
        assertEquals(750, Probation.rows(5000));
        assertEquals(750, Probation.rows(22_695));
    }

    @Test
    void missedWindowCostsFnWeight() {
        assertEquals(-1.0, score(ONE, at(100), STD), EPS);
        assertEquals(-2.0, score(ONE, at(100), NabProfile.REWARD_LOW_FN), EPS);
        FileScore fs = NabFileScorer.score(ONE, at(100), STD);
        assertEquals(1, fs.missed());
        assertEquals(0, fs.detected());
    }

    @Test
    void detectionAtWindowStartEarnsFullTpWeight() {
        // y = -(49-40+1)/10 = -1, reward = σ_A(-1)/σ_A(-1) = 1.
        assertEquals(1.0, score(ONE, at(100, 40), STD), EPS);
    }

    @Test
    void detectionAtWindowEndEarnsLittle() {
        // y = -(49-49+1)/10 = -0.1 -> σ_A = tanh(0.25), scaled by 1/tanh(2.5).
        assertEquals(Math.tanh(0.25) / Math.tanh(2.5), score(ONE, at(100, 49), STD), EPS);
    }

    @Test
    void onlyTheEarliestDetectionInAWindowCounts() {
        // Earliest is row 41: y = -(49-41+1)/10 = -0.9 -> tanh(2.25)/tanh(2.5); rows 45, 49 add 0.
        assertEquals(Math.tanh(2.25) / Math.tanh(2.5), score(ONE, at(100, 45, 41, 49), STD), EPS);
    }

    @Test
    void falsePositiveBeforeAnyWindowCostsFullFpWeight() {
        // Row 20 precedes every window: -0.11; the window is missed: -1. Row 10 is probationary.
        assertEquals(-1.11, score(ONE, at(100, 10, 20), STD), EPS);
        assertEquals(-1.22, score(ONE, at(100, 20), NabProfile.REWARD_LOW_FP), EPS);
        assertEquals(1, NabFileScorer.score(ONE, at(100, 10, 20), STD).falsePositives());
    }

    @Test
    void falsePositiveAfterAWindowIsWeightedByDistance() {
        // Row 58: y = (58-49)/(10-1) = 1 -> σ_A(1) = -tanh(2.5); plus the detected window (+1).
        assertEquals(1.0 - 0.11 * Math.tanh(2.5), score(ONE, at(100, 40, 58), STD), EPS);
        // Row 50: y = 1/9 -> σ_A = -tanh(5/18): a small penalty right after the window.
        assertEquals(1.0 - 0.11 * Math.tanh(5.0 / 18), score(ONE, at(100, 40, 50), STD), EPS);
        // Row 76: y = 27/9 = 3 -> NAB still evaluates σ_A(3) = -tanh(7.5); only y > 3 is -1.
        assertEquals(1.0 - 0.11 * Math.tanh(7.5), score(ONE, at(100, 40, 76), STD), EPS);
        assertEquals(1.0 - 0.11, score(ONE, at(100, 40, 77), STD), EPS);
    }

    @Test
    void windowInsideProbationIsNotScored() {
        NabSeries s = series("early", 100, new int[] {5, 9});
        FileScore fs = NabFileScorer.score(s, at(100, 7), STD);
        assertEquals(0.0, fs.score(), EPS);
        assertEquals(1, fs.windows());
        assertEquals(0, fs.scorableWindows());
        // Row 30 comes after that window: y = (30-9)/(5-1) = 5.25 >= 3 -> full FP.
        assertEquals(-0.11, score(s, at(100, 30), STD), EPS);
    }

    @Test
    void windowStraddlingProbationScoresOnlyItsLaterRows() {
        NabSeries s = series("straddle", 100, new int[] {10, 20});
        // Row 12 is probationary (ignored); row 16: y = -(20-16+1)/11 = -5/11 -> tanh(25/22).
        assertEquals(Math.tanh(25.0 / 22) / Math.tanh(2.5), score(s, at(100, 12, 16), STD), EPS);
        assertEquals(-1.0, score(s, at(100, 12), STD), EPS);
    }

    @Test
    void falsePositiveBetweenWindowsUsesThePrecedingOne() {
        NabSeries s = series("two", 100, new int[] {30, 39}, new int[] {60, 69});
        // Row 48: after window 1, y = (48-39)/9 = 1 -> -tanh(2.5); both windows missed: -2.
        assertEquals(-2.0 - 0.11 * Math.tanh(2.5), score(s, at(100, 48), STD), EPS);
        // Row 60 is in window 2 (start: +1), row 30 in window 1 (start: +1).
        assertEquals(2.0, score(s, at(100, 30, 60), STD), EPS);
    }

    @Test
    void rejectsMismatchedInputs() {
        assertThrows(IllegalArgumentException.class, () -> score(ONE, new boolean[99], STD));
        NabSeries s = ONE;
        NabSeries off =
                new NabSeries(
                        "off",
                        s.timestamps(),
                        s.values(),
                        List.of(
                                new NabWindow(
                                        s.timestamps()[3].plusMinutes(1), s.timestamps()[9])));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> score(off, at(100), STD));
        assertEquals(true, e.getMessage().startsWith("off: window"), e.getMessage());
    }
}
