package io.keyedrnn.jobs.eval.hdfs;

import java.util.Arrays;

/**
 * The probability rule for every threshold at once: a session is flagged when its worst surprisal
 * −ln p exceeds the threshold t (some event had p &lt; e^−t).
 */
final class SessionThreshold {
    private SessionThreshold() {}

    /** Sessions whose worst surprisal exceeds t. Not modified: worst. */
    static long flagged(double[] worst, double t) {
        long n = 0;
        for (double w : worst) {
            if (w > t) {
                n++;
            }
        }
        return n;
    }

    /**
     * The smallest threshold that flags at most maxFpRate of the (normal, validation) sessions: the
     * (k+1)-th largest worst surprisal, k = ⌊maxFpRate·n⌋, so the k above it are flagged. Not
     * modified: worst.
     */
    static double choose(double[] worst, double maxFpRate) {
        double[] sorted = worst.clone();
        Arrays.sort(sorted);
        int k = (int) Math.floor(maxFpRate * sorted.length);
        return sorted[Math.max(0, sorted.length - 1 - k)];
    }
}
