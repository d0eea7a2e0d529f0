package io.keyedrnn.jobs.eval.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SessionEndRuleTest {

    private static SessionScores scores(int[] eventRank, double[] endSurprisal) {
        int n = eventRank.length;
        int[] worst = new int[n];
        double[] surprisal = new double[n];
        for (int i = 0; i < n; i++) {
            worst[i] = eventRank[i];
            // The worst surprisal of a session may come from an event; the end rule ignores it.
            surprisal[i] = Math.max(endSurprisal[i], 20.0);
        }
        return new SessionScores(worst, surprisal, new boolean[n], eventRank, endSurprisal);
    }

    @Test
    void eventsAreJudgedByTopGAndTheEndByItsThresholdOnly() {
        // event rank only, end only, both, neither (an event's surprisal of 20 never counts)
        SessionScores s = scores(new int[] {9, 2, 12, 3}, new double[] {1.0, 8.0, 9.0, 2.0});
        assertEquals(3, SessionEndRule.flagged(s, 9, 7.5));
        assertEquals(2, SessionEndRule.rates(s, s, 9, 100.0).flaggedAbnormal());
        assertEquals(1, SessionEndRule.flagged(s, 20, 8.5));
    }

    @Test
    void gComesFromEventRanksAndTheThresholdFlagsNoValidationEnd() {
        // The end's rank (in worstRank) would make g larger; the events alone give g = 5 here.
        SessionScores val =
                new SessionScores(
                        new int[] {0, 4, 27},
                        new double[] {0.5, 6.25, 3.0},
                        new boolean[3],
                        new int[] {0, 4, 1},
                        new double[] {0.5, 6.25, 3.0});
        assertEquals(5, SessionEndRule.chooseG(val, 0.0));
        double t = SessionEndRule.chooseThreshold(val);
        assertEquals(6.25, t);
        assertEquals(0, SessionEndRule.flagged(val, 5, t));
    }

    @Test
    void scoresWithoutEndsTreatEveryRecordAsAnEvent() {
        SessionScores s = new SessionScores(new int[] {3, 10}, new double[] {1, 2}, new boolean[2]);
        assertEquals(1, SessionEndRule.flagged(s, 9, 0.0));
    }
}
