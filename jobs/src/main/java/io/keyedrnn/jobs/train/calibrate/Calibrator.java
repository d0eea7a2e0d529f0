package io.keyedrnn.jobs.train.calibrate;

import io.keyedrnn.jobs.train.prepare.PreparedData;
import io.keyedrnn.jobs.train.prepare.PreparedData.PreparedKey;
import io.keyedrnn.jobs.train.prepare.ServingPass;
import io.keyedrnn.model.io.Calibration;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.score.ScorerKind;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.ScoringConfig;
import java.util.Arrays;

/**
 * Calibrates the scorer on the validation events by running the serving step ({@link ServingPass}),
 * so the numbers mean what the scoring job will compute.
 *
 * <p>Numeric ({@code gaussian_error}): error_mean and error_std are the mean and standard deviation
 * of the validation errors (MSE of normalised features against the previous forecast). The
 * threshold is the smallest z threshold at which the serving step flags at most the requested rate
 * of scored validation events past warm-up. Serving winsorises errors beyond the threshold into
 * each key's statistics, which makes later z larger, so the plain (1 − rate) quantile of the z
 * scores would flag more than asked; the threshold is therefore found by bisection from that
 * quantile, each step a serving pass over the validation events. Categorical ({@code token_rank}):
 * top_g is the smallest g whose rule (rank ≥ g is an anomaly) flags at most the rate.
 */
public final class Calibrator {
    private static final int BISECTION_STEPS = 14;

    /**
     * @param calibration what goes into the model file
     * @param scores the final pass's validation scores (z, or token rank)
     * @param cut the threshold on those scores (z threshold, or top_g)
     * @param achievedRate fraction of scored validation events flagged in the final pass
     * @param scored scored validation events past warm-up
     */
    public record Result(
            Calibration calibration,
            double[] scores,
            double cut,
            double achievedRate,
            long scored) {}

    /** One calibration pass's scores and flag count. */
    private record Pass(double[] scores, long flagged) {
        double rate() {
            return scores.length == 0 ? 0 : (double) flagged / scores.length;
        }
    }

    private final Model model;
    private final PreparedData d;
    private final ScoringConfig base;
    private final KeyState[] warm;

    private Calibrator(Model model, PreparedData d, ScoringConfig base) {
        this.model = model;
        this.d = d;
        this.base = base;
        this.warm = ServingPass.warm(model, base, d.keys());
    }

    public static Result calibrate(Model model, PreparedData d, ScoringConfig base, double rate) {
        Calibrator c = new Calibrator(model, d, base);
        return d.categorical() ? c.tokens(rate) : c.numeric(rate);
    }

    private Result tokens(double rate) {
        Pass ranks = pass(model, base, true);
        int g = topG(ranks.scores(), rate, d.vocabulary().size());
        Calibration cal = new Calibration(ScorerKind.TOKEN_RANK.id(), null, null, null, rate, g);
        Pass last = pass(with(model, cal), base, true);
        return new Result(cal, last.scores(), g, last.rate(), last.scores().length);
    }

    private Result numeric(double rate) {
        double[] errors = errors();
        double mean = Arrays.stream(errors).average().orElse(0);
        double var =
                Arrays.stream(errors).map(e -> (e - mean) * (e - mean)).sum()
                        / Math.max(1, errors.length);
        double std = Math.sqrt(var);
        String id = ScorerKind.GAUSSIAN_ERROR.id();
        Calibration stats = new Calibration(id, mean, std, null, rate, null);
        // Without winsorising (a huge configured threshold) z does not depend on the threshold.
        double lo =
                quantile(
                        pass(with(model, stats), base.withThreshold(1e12), false).scores(),
                        1 - rate);
        Pass atLo = passAt(stats, lo);
        double cut = lo;
        Pass best = atLo;
        if (atLo.rate() > rate) {
            double hi = lo + Math.max(1, Math.abs(lo));
            Pass atHi = passAt(stats, hi);
            for (int i = 0; i < 20 && atHi.rate() > rate; i++) {
                hi += (hi - lo) * 2;
                atHi = passAt(stats, hi);
            }
            for (int i = 0; i < BISECTION_STEPS; i++) {
                double mid = (lo + hi) / 2;
                Pass m = passAt(stats, mid);
                if (m.rate() > rate) {
                    lo = mid;
                } else {
                    hi = mid;
                    atHi = m;
                }
            }
            cut = hi;
            best = atHi;
        }
        Calibration cal = new Calibration(id, mean, std, cut, rate, null);
        return new Result(cal, best.scores(), cut, best.rate(), best.scores().length);
    }

    private Pass passAt(Calibration stats, double threshold) {
        Calibration c =
                new Calibration(
                        stats.scorer(),
                        stats.errorMean(),
                        stats.errorStd(),
                        threshold,
                        stats.falseAlarmRate(),
                        null);
        return pass(with(model, c), base, false);
    }

    private double[] errors() {
        DoubleList out = new DoubleList();
        ServingPass.validation(
                model,
                base.withThreshold(1e12),
                d.keys(),
                warm,
                (PreparedKey k, int t, Event e, Prediction p, float[] prev) -> {
                    if (p.scored) {
                        out.add(p.error);
                    }
                });
        return out.toArray();
    }

    /** Scores (z or rank) of scored validation events past warm-up, and how many were flagged. */
    private Pass pass(Model m, ScoringConfig c, boolean ranks) {
        DoubleList out = new DoubleList();
        long[] flagged = {0};
        ServingPass.validation(
                m,
                c,
                d.keys(),
                warm,
                (PreparedKey k, int t, Event e, Prediction p, float[] prev) -> {
                    if (p.scored && !p.warmup) {
                        out.add(ranks ? p.rank : p.z);
                        flagged[0] += p.anomaly ? 1 : 0;
                    }
                });
        return new Pass(out.toArray(), flagged[0]);
    }

    /** The model with another calibration in its metadata. */
    public static Model with(Model m, Calibration c) {
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
                        x.declaredVersion(),
                        x.training(),
                        x.source(),
                        x.calendar()));
    }

    /** The value below which a fraction q of the values lie (nearest rank, upper). */
    public static double quantile(double[] values, double q) {
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
    public static int topG(double[] ranks, double rate, int vocabulary) {
        int g = (int) quantile(ranks, 1 - rate) + 1;
        return Math.max(1, Math.min(vocabulary, g));
    }

    /** A growable array of doubles. */
    private static final class DoubleList {
        private double[] a = new double[256];
        private int n;

        public void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        public double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
