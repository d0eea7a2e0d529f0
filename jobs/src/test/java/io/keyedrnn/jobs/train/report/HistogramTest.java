package io.keyedrnn.jobs.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Robust histogram range: extreme tails go to underflow/overflow bins, ordinary data do not. */
class HistogramTest {
    /** 17,400 z scores between −1.5 and 3 with a few up to 3,186, as in the demo's report. */
    private static double[] demoLike() {
        double[] v = new double[17_400];
        for (int i = 0; i < v.length; i++) {
            v[i] = -1.5 + 4.5 * (i % 1000) / 1000.0;
        }
        v[0] = 3186;
        v[1] = 900;
        v[2] = 250;
        v[3] = -40;
        return v;
    }

    @Test
    void extremeTailsGoToTheirOwnBinsAndEveryValueIsCounted() {
        double[] v = demoLike();
        Histogram h = Histogram.of(v, 40, false, 2.8);
        assertEquals(3, h.over());
        assertEquals(1, h.under());
        assertEquals(v.length, h.under() + h.over() + Arrays.stream(h.counts()).sum());
        assertTrue(h.hi() < 4 && h.lo() > -2, h.lo() + ".." + h.hi());
        // The bulk spreads over the bins instead of one bar holding everything.
        long biggest = Arrays.stream(h.counts()).max().orElseThrow();
        assertTrue(biggest < v.length / 10, "largest bin " + biggest);
    }

    @Test
    void ordinaryDataKeepTheirWholeRange() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 100.0;
        }
        Histogram h = Histogram.of(v, 40, false, 5);
        assertEquals(0, h.under() + h.over());
        assertEquals(0, h.lo());
        assertEquals(9.99, h.hi());
        assertEquals(v.length, Arrays.stream(h.counts()).sum());
    }

    @Test
    void rangeIncludesTheCutEvenBeyondTheData() {
        Histogram h = Histogram.of(new double[] {0, 1, 2, 1, Double.NaN}, 10, false, 7);
        assertEquals(7, h.hi());
        assertEquals(4, Arrays.stream(h.counts()).sum() + h.over() + h.under());
    }

    @Test
    void integerBinsCountTheTopRankInTheOverflowOnlyWhenItIsFar() {
        double[] ranks = new double[2000];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = i % 5;
        }
        ranks[0] = 950;
        Histogram h = Histogram.of(ranks, 40, true, 3);
        assertEquals(5, h.counts().length);
        assertEquals(1, h.over());
        assertEquals(1999, Arrays.stream(h.counts()).sum());
    }
}
