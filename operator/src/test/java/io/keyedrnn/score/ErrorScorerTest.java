package io.keyedrnn.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorScorerTest {

    @Test
    void meanSquaredErrorOverFirstN() {
        float[] a = {1f, 2f, 3f, 100f};
        float[] p = {0f, 2f, 5f, -100f};
        // (1 + 0 + 4) / 3, the fourth element is outside n.
        assertEquals(5.0 / 3, ErrorScorer.meanSquaredError(a, p, 3), 1e-15);
    }

    @Test
    void zUsesKeyStatsOnceEnoughErrors() {
        RunningStats key = new RunningStats();
        for (double e : new double[] {1, 2, 3, 4}) {
            key.add(e);
        }
        // Key has 4 errors, min 3: key mean 2.5, sample std sqrt(5/3).
        double expected = (6 - 2.5) / Math.sqrt(5.0 / 3);
        assertEquals(expected, ErrorScorer.zScore(6, key, 3, 100, 1), 1e-12);
    }

    @Test
    void zUsesCalibrationBeforeThat() {
        RunningStats key = new RunningStats();
        key.add(1);
        key.add(2);
        assertEquals((6 - 1.0) / 2.0, ErrorScorer.zScore(6, key, 30, 1.0, 2.0), 1e-12);
    }

    @Test
    void zFallsBackToKeyStatsWithoutCalibration() {
        RunningStats key = new RunningStats();
        assertEquals(0, ErrorScorer.zScore(6, key, 30, Double.NaN, Double.NaN));
        key.add(1);
        key.add(3);
        double expected = (6 - 2.0) / Math.sqrt(2.0);
        assertEquals(expected, ErrorScorer.zScore(6, key, 30, Double.NaN, Double.NaN), 1e-12);
    }

    @Test
    void stdIsFlooredRelativeToMean() {
        // Constant errors of 2: std 0 is floored at 1% of the mean, 0.02.
        assertEquals((2.01 - 2) / 0.02, ErrorScorer.z(2.01, 2, 0), 1e-9);
    }

    @Test
    void winsorizedErrorsSitExactlyAtTheLimit() {
        RunningStats key = new RunningStats();
        for (double e : new double[] {1, 2, 3, 4, 2, 3}) {
            key.add(e);
        }
        for (double calMean : new double[] {Double.NaN, 0.5}) {
            for (int minKey : new int[] {3, 30}) {
                double z = ErrorScorer.zScore(50, key, minKey, calMean, 0.25);
                double w = ErrorScorer.winsorize(50, z, 4, key, minKey, calMean, 0.25);
                assertEquals(4, ErrorScorer.zScore(w, key, minKey, calMean, 0.25), 1e-9);
            }
        }
        // Within the limit the error is kept as it is.
        double z = ErrorScorer.zScore(3, key, 3, Double.NaN, Double.NaN);
        assertEquals(3, ErrorScorer.winsorize(3, z, 4, key, 3, Double.NaN, Double.NaN));
    }
}
