package io.keyedrnn.serve;

import io.keyedrnn.settings.Settings;
import java.io.Serializable;

/**
 * How a numeric key's raw scores become alerts beyond a threshold, typed; the settings and their
 * defaults are declared in {@link ScoringSettings}. Every rule is off by default.
 *
 * @param logScale report the anomaly likelihood on NAB's log scale (see {@link
 *     io.keyedrnn.score.LogLikelihood}), in [0, 1], and compare the threshold with that
 * @param historyOfAverages the likelihood's long window learns the short window's means (as NuPIC's
 *     anomaly likelihood does) instead of the raw scores
 * @param learnFromAlerts false: an event that alerts does not join the key's error statistics or
 *     the likelihood's long window, so an incident does not teach the key that it is normal (the
 *     events of its quiet period do, so a lasting change of level becomes the new normal)
 * @param rangeMargin a value beyond the key's range so far by more than this share of the range
 *     alerts with score 1 (numeric scores: at least the threshold); null: off
 * @param quietEvents after an alert, this many events neither alert nor score (score 0): one
 *     incident, one alert
 * @param keepStatisticsOnSwap a new model version keeps the key's error statistics and likelihood
 *     windows instead of starting them afresh
 * @param likelihoodCap raw scores above this enter the likelihood's windows as this value, so one
 *     huge error does not widen the long window's spread and hide the anomalies after it; null: off
 */
public record AlertRules(
        boolean logScale,
        boolean historyOfAverages,
        boolean learnFromAlerts,
        Double rangeMargin,
        int quietEvents,
        boolean keepStatisticsOnSwap,
        Double likelihoodCap)
        implements Serializable {

    /** Every rule off: the scoring of earlier versions. */
    public static final AlertRules NONE = new AlertRules(false, false, true, null, 0, false, null);

    public AlertRules {
        if (rangeMargin != null && !(rangeMargin >= 0 && Double.isFinite(rangeMargin))) {
            throw new IllegalArgumentException(
                    "range.margin must be a finite number >= 0, got " + rangeMargin);
        }
        if (likelihoodCap != null && !Double.isFinite(likelihoodCap)) {
            throw new IllegalArgumentException(
                    "likelihood.cap must be a finite number, got " + likelihoodCap);
        }
        if (quietEvents < 0) {
            throw new IllegalArgumentException(
                    "alert.quiet.events must be at least 0, got " + quietEvents);
        }
    }

    /** The rules among the given settings, at their defaults where not given. */
    public static AlertRules from(Settings s) {
        return new AlertRules(
                s.get(ScoringSettings.LIKELIHOOD_LOG_SCALE),
                "averages".equals(s.get(ScoringSettings.LIKELIHOOD_HISTORY)),
                s.get(ScoringSettings.LEARN_FROM_ALERTS),
                s.get(ScoringSettings.RANGE_MARGIN),
                s.get(ScoringSettings.ALERT_QUIET_EVENTS),
                s.get(ScoringSettings.SWAP_KEEP_STATISTICS),
                s.get(ScoringSettings.LIKELIHOOD_CAP));
    }

    /** The raw score as the likelihood's windows take it: at most the cap, when one is set. */
    public double capped(double score) {
        return likelihoodCap != null ? Math.min(score, likelihoodCap) : score;
    }

    /** Whether the key needs to track its value range. */
    public boolean tracksRange() {
        return rangeMargin != null;
    }
}
