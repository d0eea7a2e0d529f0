package io.keyedrnn.jobs.eval.hdfs;

/**
 * Each session's worst scored event under the two session rules: its largest token rank (top-g
 * rule; −1 when nothing was scored) and its largest surprisal −ln p (probability rule; −∞ when
 * nothing was scored), and whether the servable's own rule flagged any of its records.
 */
record SessionScores(int[] worstRank, double[] worstSurprisal, boolean[] flagged) {
    int size() {
        return worstRank.length;
    }

    /** Sessions the servable flagged. */
    long flaggedCount() {
        long n = 0;
        for (boolean f : flagged) {
            n += f ? 1 : 0;
        }
        return n;
    }
}
