package io.keyedrnn.jobs.eval.cui2016;

import java.util.Arrays;

/** The "shift" forecaster: predicts the value at t+h to be the value at t. */
public final class ShiftBaseline {
    private ShiftBaseline() {}

    /**
     * predicted[j] = series[j − h] for j ≥ h, NaN for the first h targets (nothing was observed
     * early enough). Not modified: series.
     */
    public static double[] predict(double[] series, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
        }
        double[] out = new double[series.length];
        Arrays.fill(out, 0, Math.min(horizon, out.length), Double.NaN);
        for (int j = horizon; j < series.length; j++) {
            out[j] = series[j - horizon];
        }
        return out;
    }
}
