package io.keyedrnn.jobs.eval.hdfs;

/**
 * Each session's worst scored event under the two session rules: its largest token rank (top-g
 * rule; −1 when nothing was scored) and its largest surprisal −ln p (probability rule; −∞ when
 * nothing was scored).
 */
record SessionScores(int[] worstRank, double[] worstSurprisal) {
    int size() {
        return worstRank.length;
    }
}
