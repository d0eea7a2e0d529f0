package io.keyedrnn.jobs.train;

import io.keyedrnn.jobs.train.PreparedData.PreparedKey;
import io.keyedrnn.model.io.Calibration;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.score.ScorerKind;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.ScoringConfig;
import java.util.Arrays;

/**
 * Calibrates the scorer on the validation events by running the serving step ({@link ServingPass}),
 * so the numbers mean what the scoring job will compute.
 *
 * <p>Numeric ({@code gaussian_error}): error_mean and error_std are the mean and standard deviation
 * of the validation errors (MSE of normalised features against the previous forecast); the
 * threshold is the (1 − rate) quantile of the validation z scores computed with that calibration
 * (and no winsorising). Categorical ({@code token_rank}): top_g is the smallest g whose rule (rank
 * ≥ g is an anomaly) flags at most the rate of validation events. A last pass with the finished
 * calibration measures the false-alarm rate it achieves on the validation events (scored, past
 * warm-up), which the report shows beside the requested one.
 */
final class Calibrator {
    /**
     * @param calibration what goes into the model file
     * @param scores the final pass's validation scores (z, or token rank)
     * @param cut the threshold on those scores (z threshold, or top_g)
     * @param achievedRate fraction of scored validation events flagged in the final pass
     * @param scored scored validation events past warm-up
     */
    record Result(
            Calibration calibration,
            double[] scores,
            double cut,
            double achievedRate,
            long scored) {}

    private Calibrator() {}

    static Result calibrate(Model model, PreparedData d, ScoringConfig base, double rate) {
        ScoringConfig loose = base.withThreshold(1e12);
        Calibration cal;
        if (d.categorical()) {
            double[] ranks = collect(model, d, loose, true);
            cal =
                    new Calibration(
                            ScorerKind.TOKEN_RANK.id(),
                            null,
                            null,
                            null,
                            rate,
                            topG(ranks, rate, d.vocabulary().size()));
        } else {
            double[] errors = collectErrors(model, d, loose);
            double mean = Arrays.stream(errors).average().orElse(0);
            double var =
                    Arrays.stream(errors).map(e -> (e - mean) * (e - mean)).sum()
                            / Math.max(1, errors.length);
            Calibration partial =
                    new Calibration(
                            ScorerKind.GAUSSIAN_ERROR.id(), mean, Math.sqrt(var), null, rate, null);
            double[] z = collect(with(model, partial), d, loose, false);
            double threshold = quantile(z, 1 - rate);
            cal =
                    new Calibration(
                            ScorerKind.GAUSSIAN_ERROR.id(),
                            mean,
                            Math.sqrt(var),
                            threshold,
                            rate,
                            null);
        }
        Model calibrated = with(model, cal);
        double[] flags = new double[1];
        double[] scores = collect(calibrated, d, base, d.categorical(), flags);
        double cut = d.categorical() ? cal.topG() : cal.threshold();
        return new Result(
                cal, scores, cut, scores.length == 0 ? 0 : flags[0] / scores.length, scores.length);
    }

    /** The model with another calibration in its metadata. */
    static Model with(Model m, Calibration c) {
        ModelMetadata x = m.metadata();
        return new Model(
                m.network(),
                new ModelMetadata(
                        x.format(),
                        x.cell(),
                        x.output(),
                        x.inputKind(),
                        x.featureNames(),
                        x.vocabulary(),
                        x.normalizer(),
                        c,
                        x.version(),
                        x.training()));
    }

    /** The value below which a fraction q of the values lie (nearest rank, upper). */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return 0;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int i = (int) Math.ceil(q * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    /**
     * The smallest g ≥ 1 such that at most the rate of ranks are ≥ g (capped at the vocabulary).
     */
    static int topG(double[] ranks, double rate, int vocabulary) {
        int g = (int) quantile(ranks, 1 - rate) + 1;
        return Math.max(1, Math.min(vocabulary, g));
    }

    private static double[] collectErrors(Model m, PreparedData d, ScoringConfig c) {
        DoubleList out = new DoubleList();
        ServingPass.run(
                m,
                c,
                d.keys(),
                (PreparedKey k, int t, Event e, Prediction p, float[] prev) -> {
                    if (p.scored) {
                        out.add(p.error);
                    }
                });
        return out.toArray();
    }

    private static double[] collect(Model m, PreparedData d, ScoringConfig c, boolean ranks) {
        return collect(m, d, c, ranks, new double[1]);
    }

    /** Scores (z or rank) of scored validation events past warm-up; flags[0] counts anomalies. */
    private static double[] collect(
            Model m, PreparedData d, ScoringConfig c, boolean ranks, double[] flags) {
        DoubleList out = new DoubleList();
        ServingPass.run(
                m,
                c,
                d.keys(),
                (PreparedKey k, int t, Event e, Prediction p, float[] prev) -> {
                    if (p.scored && !p.warmup) {
                        out.add(ranks ? p.rank : p.z);
                        flags[0] += p.anomaly ? 1 : 0;
                    }
                });
        return out.toArray();
    }

    /** A growable array of doubles. */
    private static final class DoubleList {
        private double[] a = new double[256];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
