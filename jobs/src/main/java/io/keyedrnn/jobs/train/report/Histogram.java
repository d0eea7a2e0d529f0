package io.keyedrnn.jobs.train.report;

import io.keyedrnn.jobs.train.calibrate.Calibrator;
import java.util.Arrays;

/**
 * A histogram's bins over a robust range, so that a few extreme values (z in the thousands beside
 * thousands of values below 3) do not squeeze every other value into one bar: a tail that would
 * stretch the range between the 0.5 % and 99.5 % quantiles by more than half is cut off and counted
 * in an underflow or overflow bin instead. The range always includes the cut.
 *
 * @param lo lower end of the binned range
 * @param hi upper end of the binned range
 * @param counts values per bin, equal widths from lo to hi
 * @param under finite values below lo
 * @param over finite values above hi (integer bins: at or above hi)
 */
public record Histogram(double lo, double hi, long[] counts, long under, long over) {
    /** Share of values at each end that may fall outside the binned range. */
    static final double TAIL = 0.005;

    /** How far, as a share of the quantile range, a tail may reach before it is cut off. */
    static final double STRETCH = 0.5;

    /**
     * Bins the finite values (non-finite ones are not counted).
     *
     * @param bins most bins in the range (integer bins: at most one per integer)
     * @param integers whether bins are one or more whole integers wide
     * @param cut a value the range must include (the threshold)
     */
    public static Histogram of(double[] values, int bins, boolean integers, double cut) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return new Histogram(cut, cut + 1, new long[Math.max(1, bins)], 0, 0);
        }
        double qlo = Calibrator.quantile(v, TAIL);
        double qhi = Calibrator.quantile(v, 1 - TAIL);
        double reach = STRETCH * Math.max(qhi - qlo, 1e-12);
        // The range ends at the most extreme values that are not far out.
        double lo = Math.min(cut, v[firstAtLeast(v, qlo - reach)]);
        double hi = Math.max(cut, v[firstAtLeast(v, Math.nextUp(qhi + reach)) - 1]);
        if (integers) {
            lo = Math.floor(lo);
            hi = Math.floor(hi) + 1;
            bins = (int) Math.max(1, Math.min(bins, hi - lo));
        }
        if (hi - lo < 1e-12) {
            hi = lo + 1;
        }
        long[] counts = new long[bins];
        long under = 0;
        long over = 0;
        for (double x : v) {
            if (x < lo) {
                under++;
            } else if (x > hi || integers && x >= hi) {
                over++;
            } else {
                int i = (int) ((x - lo) / (hi - lo) * bins);
                counts[Math.min(bins - 1, i)]++;
            }
        }
        return new Histogram(lo, hi, counts, under, over);
    }

    /** Index of the first sorted value ≥ x (the length if none). */
    private static int firstAtLeast(double[] sorted, double x) {
        int i = Arrays.binarySearch(sorted, x);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == x) {
            i--;
        }
        return i;
    }

    /** The largest count of any bin, the underflow and overflow bins included (at least 1). */
    public long tallest() {
        long top = Math.max(1, Math.max(under, over));
        for (long c : counts) {
            top = Math.max(top, c);
        }
        return top;
    }
}
