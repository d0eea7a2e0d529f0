package io.keyedrnn.jobs.eval.hdfs;

import io.keyedrnn.score.TokenRank;

/**
 * DeepLog's session rule for every g at once: a session is flagged under top-g when any of its
 * checked events has rank ≥ g, i.e. when its worst (largest) rank is ≥ g.
 */
public final class SessionRanks {
    private SessionRanks() {}

    /** Sessions flagged at g, given each session's worst rank. Not modified: worstRanks. */
    public static long flagged(int[] worstRanks, int g) {
        long n = 0;
        for (int r : worstRanks) {
            if (TokenRank.outsideTopG(r, g)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The smallest g ≥ 1 whose share of flagged sessions is at most maxFpRate, chosen on normal
     * validation sessions only (no labels of the scored data are looked at).
     */
    public static int smallestG(int[] worstRanks, double maxFpRate) {
        int max = 0;
        for (int r : worstRanks) {
            max = Math.max(max, r);
        }
        for (int g = 1; g <= max; g++) {
            if (flagged(worstRanks, g) <= maxFpRate * worstRanks.length) {
                return g;
            }
        }
        return max + 1;
    }
}
