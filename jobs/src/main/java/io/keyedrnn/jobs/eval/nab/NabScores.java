package io.keyedrnn.jobs.eval.nab;

/**
 * A detector's output for one NAB file: one anomaly score in [0, 1] per row (NAB's {@code
 * anomaly_score}) and the threshold its own configuration alerts at, fixed before any label is
 * seen. The deployable detections are the rows scoring at or above {@code alertThreshold}, so a
 * detector that holds back repeat alerts must score the held-back rows below it.
 */
public record NabScores(double[] anomalyScores, double alertThreshold) {
    public NabScores {
        for (int i = 0; i < anomalyScores.length; i++) {
            double s = anomalyScores[i];
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException(
                        "row " + i + ": anomaly score " + s + " not in [0, 1]");
            }
        }
    }
}
