package io.keyedrnn.jobs.eval.nab;

import static io.keyedrnn.jobs.eval.nab.NabFixtures.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed optima on a 100-row file with one window on rows 40..49 (probation: 15 rows). */
class ThresholdOptimizerTest {
    private static final List<FileSweep> ONE =
            List.of(FileSweep.of(series("one", 100, new int[] {40, 49})));
    private static final NabProfile STD = NabProfile.STANDARD;

    private static ThresholdOptimizer.Optimum best(double[] scores) {
        return ThresholdOptimizer.optimize(ONE, List.of(scores), STD);
    }

    @Test
    void picksTheThresholdThatCatchesTheWindowWithoutTheFalsePositive() {
        double[] s = new double[100];
        s[40] = 0.9; // window start: +1
        s[20] = 0.8; // before the window: -0.11
        s[10] = 0.95; // probationary: never a candidate
        ThresholdOptimizer.Optimum o = best(s);
        assertEquals(0.9, o.threshold());
        assertEquals(1.0, o.raw(), 1e-12);
        // Lower thresholds score less: 0.8 adds the false positive, 0 every row.
        assertEquals(0.89, NabBenchmark.score(ONE, List.of(s), 0.8, STD).raw(), 1e-12);
        assertTrue(NabBenchmark.score(ONE, List.of(s), 0.0, STD).raw() < 0.89);
    }

    @Test
    void onATieTheHigherThresholdWins() {
        double[] s = new double[100];
        s[40] = 0.9;
        s[41] = 0.7; // a later row of the same window adds nothing
        ThresholdOptimizer.Optimum o = best(s);
        assertEquals(0.9, o.threshold());
        assertEquals(1.0, o.raw(), 1e-12);
    }

    @Test
    void detectingNothingIsTheOptimumWhenEveryDetectionCosts() {
        double[] s = new double[100];
        s[20] = 0.8;
        ThresholdOptimizer.Optimum o = best(s);
        assertEquals(ThresholdOptimizer.ABOVE_ALL, o.threshold());
        assertEquals(-1.0, o.raw(), 1e-12);
    }

    @Test
    void oneThresholdServesTheWholeCorpus() {
        // File b alone is best at 0.8 (its window at 0.8, an FP at 0.5); file a needs 0.5 for its
        // window: the corpus optimum 0.5 takes b's FP (-0.11) for a's window (+1).
        FileSweep a = FileSweep.of(series("a", 100, new int[] {40, 49}));
        FileSweep b = FileSweep.of(series("b", 100, new int[] {60, 69}));
        double[] sa = new double[100];
        sa[40] = 0.5;
        double[] sb = new double[100];
        sb[60] = 0.8;
        sb[20] = 0.5;
        ThresholdOptimizer.Optimum o =
                ThresholdOptimizer.optimize(List.of(a, b), List.of(sa, sb), STD);
        assertEquals(0.5, o.threshold());
        assertEquals(2.0 - 0.11, o.raw(), 1e-12);
        assertEquals(
                0.8, ThresholdOptimizer.optimize(List.of(b), List.of(sb), STD).threshold(), 0.0);
    }
}
