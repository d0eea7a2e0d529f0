package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.data.NabSeries;

/**
 * Scores one NAB file's anomaly scores at a threshold under a profile, as numenta/NAB's {@code
 * Sweeper.scoreDataSet} does (Lavin &amp; Ahmad 2015; Ahmad et al. 2017):
 *
 * <ul>
 *   <li>every row after the probationary period with a score at or above the threshold is a
 *       detection;
 *   <li>a window earns the largest A_TP·σ_A(y)/σ_A(−1) of its detections (its earliest: y = −(right
 *       − i + 1)/width), and costs A_FN when it has none;
 *   <li>each detection outside the windows costs A_FP·σ_A(|i − right_prev| / (width_prev − 1))
 *       after the preceding window, and the full A_FP when no window precedes it.
 * </ul>
 */
public final class NabFileScorer {
    private NabFileScorer() {}

    /** The raw score of per-row anomaly scores at a threshold. */
    public static FileScore score(
            FileSweep sweep, double[] scores, double threshold, NabProfile profile) {
        if (scores.length != sweep.size()) {
            throw new IllegalArgumentException(
                    sweep.name()
                            + ": "
                            + scores.length
                            + " anomaly scores for "
                            + sweep.size()
                            + " rows");
        }
        double maxTp = ScaledSigmoid.of(-1.0);
        int windows = sweep.windows();
        double[] best = new double[windows];
        boolean[] hit = new boolean[windows];
        double fp = 0;
        int[] counts = new int[4]; // TP, TN, FP, FN rows
        for (int i = sweep.probation(); i < scores.length; i++) {
            int w = sweep.window()[i];
            boolean detection = scores[i] >= threshold;
            if (w < 0 && detection) {
                fp += sweep.unweighted()[i] * profile.fpWeight();
                counts[2]++;
            } else if (w < 0) {
                counts[1]++;
            } else if (detection) {
                double reward = sweep.unweighted()[i] * profile.tpWeight() / maxTp;
                best[w] = hit[w] ? Math.max(best[w], reward) : reward;
                hit[w] = true;
                counts[0]++;
            } else {
                counts[3]++;
            }
        }
        double score = fp;
        int detected = 0;
        for (int w = 0; w < windows; w++) {
            if (hit[w]) {
                score += best[w];
                detected++;
            } else if (sweep.scorable()[w]) {
                score -= profile.fnWeight();
            }
        }
        return new FileScore(
                score,
                windows,
                sweep.scorableWindows(),
                detected,
                counts[0],
                counts[1],
                counts[2],
                counts[3]);
    }

    /** The raw score of detections (true where the detector fired), one per row of the file. */
    public static FileScore score(NabSeries series, boolean[] detections, NabProfile profile) {
        double[] scores = new double[detections.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = detections[i] ? 1.0 : 0.0;
        }
        return score(FileSweep.of(series), scores, 1.0, profile);
    }
}
