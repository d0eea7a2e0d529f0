package io.keyedrnn.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunningStatsTest {

    @Test
    void matchesTwoPassMeanAndSampleVariance() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] xs = new double[1000];
        RunningStats stats = new RunningStats();
        for (int i = 0; i < xs.length; i++) {
            // A large offset is where the naive sum-of-squares formula loses its digits.
            xs[i] = 1e6 + rnd.nextGaussian() * 3;
            stats.add(xs[i]);
        }
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= xs.length;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        double variance = ss / (xs.length - 1);
        assertEquals(xs.length, stats.count);
        assertEquals(mean, stats.mean, 1e-9 * Math.abs(mean));
        assertEquals(variance, stats.variance(), 1e-9 * variance);
        assertEquals(Math.sqrt(variance), stats.std(), 1e-9);
    }

    @Test
    void fewerThanTwoValuesHaveNoVariance() {
        RunningStats s = new RunningStats();
        assertEquals(0, s.variance());
        s.add(5);
        assertEquals(5, s.mean);
        assertEquals(0, s.variance());
    }

    @Test
    void clearAndCopy() {
        RunningStats a = new RunningStats();
        a.add(1);
        a.add(4);
        RunningStats b = new RunningStats();
        b.copyFrom(a);
        assertEquals(a, b);
        a.clear();
        assertEquals(new RunningStats(), a);
        assertEquals(2, b.count);
    }
}
