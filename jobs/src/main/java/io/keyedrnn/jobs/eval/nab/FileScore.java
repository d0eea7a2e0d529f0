package io.keyedrnn.jobs.eval.nab;

/**
 * One file's raw NAB score under one profile at one threshold, with NAB's counts. The row counts
 * are those of NAB's {@code *_scores.csv} columns TP, TN, FP, FN: rows after the probationary
 * period, inside or outside a window, at or above the threshold or below it.
 *
 * @param windows the file's labelled windows
 * @param scorableWindows windows with at least one row after the probationary period
 * @param detected scorable windows with at least one row at or above the threshold
 */
public record FileScore(
        double score,
        int windows,
        int scorableWindows,
        int detected,
        int truePositives,
        int trueNegatives,
        int falsePositives,
        int falseNegatives) {

    /** Scorable windows without a detection. */
    public int missed() {
        return scorableWindows - detected;
    }
}
