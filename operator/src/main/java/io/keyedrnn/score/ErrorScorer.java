package io.keyedrnn.score;

/**
 * Numeric scoring: the mean squared next-step error (for a Gaussian head normalised by the
 * predicted variance) and its z against an error distribution.
 *
 * <p>The reference distribution is the key's own (from {@link RunningStats}) once it has seen
 * enough errors, before that the model's calibration (error mean and std on validation data), and
 * the key's own again if the model has no calibration.
 */
public final class ErrorScorer {
    /** Keys with fewer errors than this are scored against the calibration (when present). */
    public static final int DEFAULT_MIN_KEY_ERRORS = 30;

    private ErrorScorer() {}

    /** Mean of (actual[i] − predicted[i])² over i &lt; n, in double. Not modified: inputs. */
    public static double meanSquaredError(float[] actual, float[] predicted, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) actual[i] - predicted[i];
            sum += d * d;
        }
        return sum / n;
    }

    /**
     * Mean of ((actual[i] − μ[i]) / σ[i])² over i &lt; n, in double, where predicted holds the
     * means μ in [0, n) and the standard deviations σ in [n, 2n) (a Gaussian head's output): an
     * error is judged against the spread the model expected. Not modified: inputs.
     */
    public static double meanNormalisedSquaredError(float[] actual, float[] predicted, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = ((double) actual[i] - predicted[i]) / predicted[n + i];
            sum += d * d;
        }
        return sum / n;
    }

    /**
     * (error − mean) / std. The std is floored at 1% of |mean| and at 1e-12, so a key whose errors
     * were constant does not report rounding noise as a huge z.
     */
    public static double z(double error, double mean, double std) {
        double floor = Math.max(0.01 * Math.abs(mean), 1e-12);
        return (error - mean) / Math.max(std, floor);
    }

    /**
     * The z of error against the key's statistics when they hold at least minKeyErrors values, else
     * against the calibration (calMean, calStd; NaN when the model has none), else against the
     * key's statistics if they hold two or more values; 0 when there is no reference yet.
     */
    public static double zScore(
            double error, RunningStats key, int minKeyErrors, double calMean, double calStd) {
        if (usesKey(key, minKeyErrors, calMean, calStd)) {
            return z(error, key.mean, key.std());
        }
        if (hasCalibration(calMean, calStd)) {
            return z(error, calMean, calStd);
        }
        return 0;
    }

    /**
     * The value to add to the key's statistics for an error of the given z: errors beyond limit are
     * pulled in to z = limit against the same reference {@link #zScore} used, so one spike does not
     * inflate the key's std and hide the anomalies after it (winsorising).
     */
    public static double winsorize(
            double error,
            double z,
            double limit,
            RunningStats key,
            int minKeyErrors,
            double calMean,
            double calStd) {
        if (!(z > limit) || !(limit > 0)) {
            return error;
        }
        double mean = usesKey(key, minKeyErrors, calMean, calStd) ? key.mean : calMean;
        return mean + limit * (error - mean) / z;
    }

    private static boolean usesKey(
            RunningStats key, int minKeyErrors, double calMean, double calStd) {
        return key.count >= 2 && (key.count >= minKeyErrors || !hasCalibration(calMean, calStd));
    }

    private static boolean hasCalibration(double calMean, double calStd) {
        return !Double.isNaN(calMean) && !Double.isNaN(calStd);
    }
}
