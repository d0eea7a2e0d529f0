package io.keyedrnn.jobs.eval.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DetectionRatesTest {

    @Test
    void ratesAtTheTestRatioGiveBackCountBasedPrecision() {
        // DeepLog's reported counts (README, via a third-party summary): FP 833, FN 619 on
        // 553,366 normal / 16,838 abnormal sessions. TP = 16,838 - 619 = 16,219.
        DetectionRates r =
                new DetectionRates(
                        16_219,
                        DetectionRates.DEEPLOG_ABNORMAL,
                        833,
                        DetectionRates.DEEPLOG_NORMAL);
        long n = DetectionRates.DEEPLOG_NORMAL;
        long a = DetectionRates.DEEPLOG_ABNORMAL;
        double p = 16_219.0 / (16_219 + 833);
        double rec = 16_219.0 / 16_838;
        assertEquals(rec, r.recall(), 1e-12);
        assertEquals(833.0 / 553_366, r.fpRate(), 1e-15);
        assertEquals(p, r.precisionAt(n, a), 1e-12);
        assertEquals(2 * p * rec / (p + rec), r.f1At(n, a), 1e-12);
        // The README quotes these as ~95.1% / ~96.4% / 96%.
        assertEquals(0.951, r.precisionAt(n, a), 0.001);
    }

    @Test
    void ratesMeasuredOnASmallerHoldOutScaleToTheTestRatio() {
        // 10 of 1,000 held-out normals flagged (1%), 90 of 100 abnormals flagged (90%).
        // At 553,366 : 16,838: FP = 5,533.66, TP = 15,154.2 -> P = 15154.2 / 20687.86.
        DetectionRates r = new DetectionRates(90, 100, 10, 1000);
        assertEquals(15_154.2 / 20_687.86, r.precisionAt(553_366, 16_838), 1e-12);
        assertEquals(0.0, new DetectionRates(0, 10, 0, 10).f1At(5, 5), 0.0);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> new DetectionRates(11, 10, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new DetectionRates(0, 0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new DetectionRates(0, 10, -1, 10));
    }

    @Test
    void sessionFlaggedWhenItsWorstRankIsOutsideTopG() {
        int[] worst = {0, 3, 8, 9, 12};
        assertEquals(2, SessionRanks.flagged(worst, 9)); // ranks 9 and 12
        assertEquals(4, SessionRanks.flagged(worst, 1));
        // Zero false positives on these "normals" needs g = 13; at most 20% (1 of 5) needs g = 10.
        assertEquals(13, SessionRanks.smallestG(worst, 0.0));
        assertEquals(10, SessionRanks.smallestG(worst, 0.2));
        assertEquals(1, SessionRanks.smallestG(new int[] {0, 0}, 0.0));
    }
}
