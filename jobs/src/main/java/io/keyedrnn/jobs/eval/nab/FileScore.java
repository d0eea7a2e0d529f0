package io.keyedrnn.jobs.eval.nab;

/**
 * One file's raw NAB score under one profile, with its counts.
 *
 * @param windows the file's labelled windows
 * @param scorableWindows windows with at least one row after the probationary period
 * @param detected scorable windows with a detection
 * @param falsePositives detections outside every window after the probationary period
 */
public record FileScore(
        double score, int windows, int scorableWindows, int detected, int falsePositives) {

    /** Scorable windows without a detection. */
    public int missed() {
        return scorableWindows - detected;
    }
}
