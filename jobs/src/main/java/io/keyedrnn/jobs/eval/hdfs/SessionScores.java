package io.keyedrnn.jobs.eval.hdfs;

/**
 * Each session's worst scored record under the two session rules: its largest token rank (top-g
 * rule; −1 when nothing was scored) and its largest surprisal −ln p (probability rule; −∞ when
 * nothing was scored), whether the servable's own rule flagged any of its records, and apart from
 * these the largest rank among its events only and the surprisal of its {@code <end>} record (−∞
 * when none was scored), for a rule that judges the end on its own.
 */
record SessionScores(
        int[] worstRank,
        double[] worstSurprisal,
        boolean[] flagged,
        int[] eventRank,
        double[] endSurprisal) {

    /** Scores without an end record of their own: the events are all the records. */
    SessionScores(int[] worstRank, double[] worstSurprisal, boolean[] flagged) {
        this(worstRank, worstSurprisal, flagged, worstRank, noEnds(worstRank.length));
    }

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

    private static double[] noEnds(int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, Double.NEGATIVE_INFINITY);
        return out;
    }
}
