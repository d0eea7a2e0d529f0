package io.keyedrnn.jobs.eval.cui2016;

/**
 * The error measures of Cui, Ahmad &amp; Hawkins (2016) as recomputed in data/README.md: NRMSE =
 * RMSE / std(all counts) and "MAPE" = Σ|error| / Σ|truth|, both over targets from a start record to
 * the end.
 */
public final class ForecastMetrics {
    /** The paper scores from record 10,000 (0-based index into the data rows) to the end. */
    public static final int SCORED_FROM = 10_000;

    private ForecastMetrics() {}

    /**
     * RMSE of predicted[j] against truth[j] for j ≥ from, over the population standard deviation of
     * every truth value. Not modified: truth, predicted.
     */
    public static double nrmse(double[] truth, double[] predicted, int from) {
        return nrmse(truth, predicted, from, truth.length);
    }

    /** As {@link #nrmse(double[], double[], int)} over targets [from, to) only. */
    public static double nrmse(double[] truth, double[] predicted, int from, int to) {
        check(truth, predicted, from, to);
        double sq = 0;
        for (int j = from; j < to; j++) {
            double e = truth[j] - predicted[j];
            sq += e * e;
        }
        return Math.sqrt(sq / (to - from)) / std(truth);
    }

    /** Σ|truth[j] − predicted[j]| / Σ|truth[j]| for j ≥ from. Not modified: truth, predicted. */
    public static double mape(double[] truth, double[] predicted, int from) {
        return mape(truth, predicted, from, truth.length);
    }

    /** As {@link #mape(double[], double[], int)} over targets [from, to) only. */
    public static double mape(double[] truth, double[] predicted, int from, int to) {
        check(truth, predicted, from, to);
        double err = 0;
        double sum = 0;
        for (int j = from; j < to; j++) {
            err += Math.abs(truth[j] - predicted[j]);
            sum += Math.abs(truth[j]);
        }
        return err / sum;
    }

    /** Population standard deviation (divisor n), as numpy's default. */
    static double std(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / x.length);
    }

    private static void check(double[] truth, double[] predicted, int from, int to) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(
                    truth.length + " truths but " + predicted.length + " predictions");
        }
        if (from < 0 || to > truth.length || from >= to) {
            throw new IllegalArgumentException(
                    "scored range ["
                            + from
                            + ", "
                            + to
                            + ") is empty or outside 0.."
                            + truth.length);
        }
        for (int j = from; j < to; j++) {
            if (!Double.isFinite(predicted[j])) {
                throw new IllegalArgumentException(
                        "prediction for record " + j + " is " + predicted[j]);
            }
        }
    }
}
