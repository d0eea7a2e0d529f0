package io.keyedrnn.serve;

import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Calibration;
import io.keyedrnn.score.ErrorScorer;
import io.keyedrnn.score.LogLikelihood;
import io.keyedrnn.score.ScorerKind;
import io.keyedrnn.score.TokenRank;
import io.keyedrnn.score.TokenRule;
import io.keyedrnn.score.ValueRange;
import java.util.Arrays;

/** The scorer a {@link ModelServable} applies, with thresholds resolved from config/calibration. */
final class Scoring {
    private final ScorerKind kind;
    private final ScoringConfig config;
    private final int features;
    private final boolean errorComputable;
    private final boolean gaussian;
    private final double threshold;
    private final double zLimit;
    private final int topG;
    private final Double surprisalLimit;
    private final TokenRule tokenRule;
    private final int endToken;
    private final Double endLimit;
    private final double calMean;
    private final double calStd;
    private final AlertRules rules;

    /**
     * features: the event's own numeric features, the first of the network's inputs (the rest are
     * calendar inputs, predicted but not scored); endToken: the id of {@code <end>} in the model's
     * vocabulary, or −1.
     */
    Scoring(
            RecurrentNetwork net,
            int features,
            Calibration cal,
            ScoringConfig config,
            int endToken) {
        this.config = config;
        this.kind = resolve(config.scorer(), net);
        this.features = net.isCategorical() ? 0 : features;
        // A numeric model without a head predicts h, which is comparable only if sizes agree.
        this.gaussian = net.isGaussian();
        this.errorComputable =
                !net.isCategorical() && (net.outputSize() == net.inputSize() || gaussian);
        this.threshold = resolveThreshold(config, cal);
        this.zLimit = resolveZThreshold(config, cal);
        this.topG = resolveTopG(config, cal);
        this.surprisalLimit = kind == ScorerKind.TOKEN_RANK ? surprisalLimit(config, cal) : null;
        this.tokenRule = config.tokenRule();
        this.endToken = endToken;
        this.endLimit = config.endThreshold();
        if (kind == ScorerKind.TOKEN_RANK && tokenRule.needsThreshold() && surprisalLimit == null) {
            throw new IllegalArgumentException(
                    "token.rule "
                            + tokenRule.id()
                            + " needs a threshold on -ln p: set threshold or calibrate one");
        }
        this.calMean = cal != null && cal.errorMean() != null ? cal.errorMean() : Double.NaN;
        this.calStd = cal != null && cal.errorStd() != null ? cal.errorStd() : Double.NaN;
        this.rules = config.alerts();
    }

    private static ScorerKind resolve(ScorerKind wanted, RecurrentNetwork net) {
        ScorerKind natural =
                net.isCategorical() ? ScorerKind.TOKEN_RANK : ScorerKind.GAUSSIAN_ERROR;
        if (wanted != ScorerKind.AUTO && wanted != natural) {
            throw new IllegalArgumentException(
                    "scorer "
                            + wanted.id()
                            + " does not fit a "
                            + (net.isCategorical() ? "categorical" : "numeric")
                            + " model; use "
                            + natural.id()
                            + " or auto");
        }
        return natural;
    }

    private static double resolveThreshold(ScoringConfig config, Calibration cal) {
        if (config.likelihoodShortWindow() > 0) {
            return config.likelihoodThreshold();
        }
        return resolveZThreshold(config, cal);
    }

    private static double resolveZThreshold(ScoringConfig config, Calibration cal) {
        if (config.threshold() != null) {
            return config.threshold();
        }
        if (cal != null && cal.threshold() != null) {
            return cal.threshold();
        }
        return ScoringConfig.DEFAULT_Z_THRESHOLD;
    }

    /**
     * A token stream's threshold on the surprisal −ln p, when configured (or calibrated): under
     * token.rule auto it then replaces the top-g rule, so an improbable token is anomalous whatever
     * its rank.
     */
    private static Double surprisalLimit(ScoringConfig config, Calibration cal) {
        if (config.threshold() != null) {
            return config.threshold();
        }
        return cal != null ? cal.threshold() : null;
    }

    private static int resolveTopG(ScoringConfig config, Calibration cal) {
        if (config.topG() != null) {
            return config.topG();
        }
        if (cal != null && cal.topG() != null) {
            return cal.topG();
        }
        return TokenRank.DEFAULT_TOP_G;
    }

    ScorerKind kind() {
        return kind;
    }

    /** The threshold on the score in use (likelihood, z); categorical uses top-g instead. */
    double threshold() {
        return threshold;
    }

    int topG() {
        return topG;
    }

    /**
     * Scores the event (normalised features x and their raw values, or token) against s.prediction
     * and fills the scoring fields of out; out.warmup must be set. Modified: out, s's statistics.
     */
    void score(KeyState s, float[] x, float[] raw, int token, Prediction out) {
        unscored(out);
        boolean breach = rules.tracksRange() && kind != ScorerKind.TOKEN_RANK && trackRange(s, raw);
        if (s.stepsSinceReset == 0) {
            return;
        }
        boolean outlier;
        double value;
        if (kind == ScorerKind.TOKEN_RANK) {
            out.probability = s.prediction[token];
            out.rank = TokenRank.rank(s.prediction, s.prediction.length, token);
            value = TokenRank.surprisal(s.prediction[token]);
            // A session end has its own threshold when set: an early end is improbable yet may
            // rank inside the top g, and ends need not share the events' g and threshold.
            outlier =
                    token == endToken && endLimit != null
                            ? value > endLimit
                            : tokenRule.outlier(out.rank, topG, value, surprisalLimit);
        } else if (errorComputable) {
            out.error =
                    gaussian
                            ? ErrorScorer.meanNormalisedSquaredError(x, s.prediction, features)
                            : ErrorScorer.meanSquaredError(x, s.prediction, features);
            out.z =
                    ErrorScorer.zScore(
                            out.error, s.errorStats, config.minKeyErrors(), calMean, calStd);
            value = out.z;
            outlier = value > threshold;
        } else {
            return;
        }
        out.scored = true;
        out.score = value;
        // The likelihood windows keep floats: a z beyond float's range (a 1e38 spike) would be
        // infinite there and blind the key; at the float limit it still reads as extreme.
        value = Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, value));
        if (s.likelihood.enabled()) {
            value = rules.capped(value);
            double tail = s.likelihood.tail(value);
            out.likelihood = 1 - tail;
            out.score = rules.logScale() ? LogLikelihood.ofTail(tail) : out.likelihood;
            outlier = out.score > threshold;
        }
        if (breach) {
            outlier = true;
            out.score = s.likelihood.enabled() ? 1.0 : Math.max(out.score, threshold);
        }
        alert(s, outlier, out);
        if (rules.learnFromAlerts() || !out.anomaly) {
            learn(s, value, out);
        }
    }

    /** Clears the scoring fields of out: not scored, not anomalous. Modified: out. */
    static void unscored(Prediction out) {
        out.scored = false;
        out.anomaly = false;
        out.quiet = false;
        out.score = 0;
        out.error = Double.NaN;
        out.z = Double.NaN;
        out.probability = Double.NaN;
        out.rank = -1;
        out.likelihood = Double.NaN;
    }

    /** Whether raw breaches the key's range so far; then widens the range. Modified: s. */
    private boolean trackRange(KeyState s, float[] raw) {
        if (s.rangeMin.length != features || s.rangeMax.length != features) {
            s.rangeMin = Arrays.copyOf(raw, features);
            s.rangeMax = Arrays.copyOf(raw, features);
            return false;
        }
        boolean breach = ValueRange.breached(raw, s.rangeMin, s.rangeMax, rules.rangeMargin());
        ValueRange.widen(raw, s.rangeMin, s.rangeMax);
        return breach;
    }

    /** Lets the key's error statistics and likelihood history learn this event. Modified: s. */
    private void learn(KeyState s, double value, Prediction out) {
        if (!Double.isNaN(out.error)) {
            s.errorStats.add(
                    ErrorScorer.winsorize(
                            out.error,
                            out.z,
                            zLimit,
                            s.errorStats,
                            config.minKeyErrors(),
                            calMean,
                            calStd));
        }
        if (s.likelihood.enabled()) {
            double v = rules.historyOfAverages() ? s.likelihood.shortMean() : value;
            s.likelihood.learn(v, config.likelihoodLongWindow());
        }
    }

    /** Sets the anomaly flag, holding it (and the score) down in an alert's quiet period. */
    private void alert(KeyState s, boolean outlier, Prediction out) {
        if (s.quietLeft > 0) {
            s.quietLeft--;
            out.quiet = true;
            out.score = 0;
            return;
        }
        out.anomaly = outlier && !out.warmup;
        if (out.anomaly) {
            s.quietLeft = rules.quietEvents();
        }
    }
}
