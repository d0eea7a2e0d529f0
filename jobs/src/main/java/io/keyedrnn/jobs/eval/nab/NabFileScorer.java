package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.data.NabSeries;

/**
 * Scores one NAB file's detections under a profile, following NAB's definitions (Lavin &amp; Ahmad
 * 2015; Ahmad et al. 2017) as implemented in numenta/NAB {@code nab/sweeper.py}:
 *
 * <ul>
 *   <li>rows of the probationary period are ignored, and so is a window lying wholly inside it;
 *   <li>a window with a detection earns A_TP·σ_A(y)/σ_A(−1) for its earliest detection, where y =
 *       −(right − i + 1)/width, so detecting at the first row earns exactly A_TP; later detections
 *       in the same window earn nothing more;
 *   <li>a window without a detection costs A_FN;
 *   <li>each detection outside the windows costs A_FP·σ_A(|i − right_prev| / (width_prev − 1))
 *       after the nearest preceding window, and the full A_FP when no window precedes it.
 * </ul>
 */
public final class NabFileScorer {
    private NabFileScorer() {}

    /** The raw score of detections (true where the detector fired), one per row of the file. */
    public static FileScore score(NabSeries series, boolean[] detections, NabProfile profile) {
        if (detections.length != series.size()) {
            throw new IllegalArgumentException(
                    series.name()
                            + ": "
                            + detections.length
                            + " detections for "
                            + series.size()
                            + " rows");
        }
        WindowRows rows = WindowRows.of(series);
        int probation = Probation.rows(series.size());
        double maxTp = ScaledSigmoid.of(-1.0);
        double[] best = new double[rows.count()];
        boolean[] hit = new boolean[rows.count()];
        double fpSum = 0;
        int fpCount = 0;
        int w = 0; // index of the first window not yet ended
        for (int i = probation; i < detections.length; i++) {
            while (w < rows.count() && rows.right()[w] < i) {
                w++;
            }
            if (!detections[i]) {
                continue;
            }
            if (w < rows.count() && rows.left()[w] <= i) {
                double y = -(rows.right()[w] - i + 1) / (double) rows.width(w);
                double reward = profile.tpWeight() * ScaledSigmoid.of(y) / maxTp;
                best[w] = hit[w] ? Math.max(best[w], reward) : reward;
                hit[w] = true;
            } else {
                fpSum += profile.fpWeight() * ScaledSigmoid.of(positionAfter(rows, w - 1, i));
                fpCount++;
            }
        }
        return total(rows, probation, best, hit, fpSum, fpCount, profile);
    }

    /** Relative distance of row i after window prev (or "far" when there is none). */
    private static double positionAfter(WindowRows rows, int prev, int i) {
        if (prev < 0) {
            return ScaledSigmoid.FAR_AFTER;
        }
        int span = rows.width(prev) - 1;
        // NAB divides by zero for a one-row window; count such a false positive in full.
        return span == 0 ? ScaledSigmoid.FAR_AFTER : (i - rows.right()[prev]) / (double) span;
    }

    private static FileScore total(
            WindowRows rows,
            int probation,
            double[] best,
            boolean[] hit,
            double fpSum,
            int fpCount,
            NabProfile profile) {
        double score = fpSum;
        int scorable = 0;
        int detected = 0;
        for (int w = 0; w < rows.count(); w++) {
            if (rows.right()[w] < probation) {
                continue;
            }
            scorable++;
            if (hit[w]) {
                detected++;
                score += best[w];
            } else {
                score -= profile.fnWeight();
            }
        }
        return new FileScore(score, rows.count(), scorable, detected, fpCount);
    }
}
