package io.keyedrnn.jobs.eval.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SessionThresholdTest {

    @Test
    void theThresholdFlagsAtMostTheTargetShareOfValidationSessions() {
        double[] worst = new double[1000];
        for (int i = 0; i < worst.length; i++) {
            worst[i] = i / 100.0;
        }
        // 0.2% of 1000 = 2 sessions may be flagged: those above the third largest.
        double t = SessionThreshold.choose(worst, 0.002);
        assertEquals(9.97, t, 1e-12);
        assertEquals(2, SessionThreshold.flagged(worst, t));
        assertEquals(0, SessionThreshold.flagged(worst, SessionThreshold.choose(worst, 0.0)));
        assertEquals(9.99, worst[999]);
    }

    @Test
    void unscoredSessionsAreNeverFlagged() {
        double[] worst = {Double.NEGATIVE_INFINITY, 3.0};
        assertEquals(0, SessionThreshold.flagged(worst, SessionThreshold.choose(worst, 0.0)));
        assertEquals(1, SessionThreshold.flagged(worst, Double.NEGATIVE_INFINITY));
    }
}
