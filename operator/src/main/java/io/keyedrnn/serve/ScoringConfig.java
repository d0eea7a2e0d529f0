package io.keyedrnn.serve;

import io.keyedrnn.score.ScorerKind;
import io.keyedrnn.score.TokenRule;
import io.keyedrnn.settings.Setting;
import io.keyedrnn.settings.Settings;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * How keys are scored and how their state is kept, typed and serialisable; the settings and their
 * defaults are declared in {@link ScoringSettings}.
 *
 * @param warmupEvents a key's first events after a (re)start are warm-up: never anomalous (10)
 * @param threshold score threshold overriding the calibration's; null: calibration, else 4.0 (z)
 * @param scorer which scorer; AUTO picks token rank for categorical models, gaussian error else
 * @param allowedLatenessMs events older than the key's latest by more than this are rejected as
 *     late; Long.MAX_VALUE (default) accepts every event in arrival order
 * @param ringSize recent inputs kept per key for replay after a model swap (32)
 * @param swapPolicy what a new model version does to existing key state (REPLAY)
 * @param topG DeepLog's g overriding the calibration's; null: calibration, else 9
 * @param minKeyErrors errors a key needs before its own statistics replace the calibration (30)
 * @param likelihoodShortWindow short window of the anomaly likelihood; 0 (default) disables it
 * @param likelihoodLongWindow span of the likelihood's long window (500)
 * @param likelihoodThreshold likelihood above which an event is anomalous, when enabled (0.9999)
 * @param openVocabulary map unknown tokens to {@code <unk>} instead of rejecting them (false)
 * @param alerts how raw scores become alerts beyond the threshold ({@link AlertRules#NONE})
 * @param tokenRule which of top g and the surprisal threshold flags a token (AUTO: the threshold
 *     when one is set, else top g)
 * @param endThreshold surprisal −ln p above which a session end ({@code <end>}) is anomalous, in
 *     place of tokenRule; null (default): tokenRule judges ends like events
 */
public record ScoringConfig(
        int warmupEvents,
        Double threshold,
        ScorerKind scorer,
        long allowedLatenessMs,
        int ringSize,
        SwapPolicy swapPolicy,
        Integer topG,
        int minKeyErrors,
        int likelihoodShortWindow,
        int likelihoodLongWindow,
        double likelihoodThreshold,
        boolean openVocabulary,
        AlertRules alerts,
        TokenRule tokenRule,
        Double endThreshold)
        implements Serializable {

    /** Threshold on z when neither configuration nor calibration gives one. */
    public static final double DEFAULT_Z_THRESHOLD = 4.0;

    /** Every setting at its declared default ({@link ScoringSettings}). */
    public static final ScoringConfig DEFAULTS = from(Settings.of(Map.of()));

    /** Property names {@link #fromMap} understands. */
    public static final Set<String> KEYS =
            ScoringSettings.ALL.stream().map(Setting::key).collect(Collectors.toUnmodifiableSet());

    public ScoringConfig {
        requireAtLeast("warmup.events", warmupEvents, 0);
        requireAtLeast("lateness.ms", allowedLatenessMs, 0);
        requireAtLeast("ring.size", ringSize, 0);
        requireAtLeast("min.key.errors", minKeyErrors, 0);
        requireAtLeast("likelihood.short.window", likelihoodShortWindow, 0);
        requireAtLeast("likelihood.long.window", likelihoodLongWindow, 1);
        if (topG != null) {
            requireAtLeast("top.g", topG, 1);
        }
        if (threshold != null && !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        if (endThreshold != null && !Double.isFinite(endThreshold)) {
            throw new IllegalArgumentException("end.threshold must be finite, got " + endThreshold);
        }
        if (scorer == null || swapPolicy == null || alerts == null || tokenRule == null) {
            throw new IllegalArgumentException(
                    "scorer, swap.policy, alerts and token.rule must be set");
        }
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    name + " must be at least " + min + ", got " + value);
        }
    }

    /**
     * DEFAULTS overridden by the {@link #KEYS} present in the map (other keys are ignored, so one
     * file can hold other settings too). Throws naming the key whose value is bad.
     */
    public static ScoringConfig fromMap(Map<String, String> m) {
        return from(Settings.of(m));
    }

    /** The scoring settings among the given ones, at their defaults where not given. */
    public static ScoringConfig from(Settings s) {
        Long lateness = s.get(ScoringSettings.LATENESS_MS);
        return new ScoringConfig(
                s.get(ScoringSettings.WARMUP_EVENTS),
                s.get(ScoringSettings.THRESHOLD),
                s.get(ScoringSettings.SCORER),
                lateness == null ? Long.MAX_VALUE : lateness,
                s.get(ScoringSettings.RING_SIZE),
                s.get(ScoringSettings.SWAP_POLICY),
                s.get(ScoringSettings.TOP_G),
                s.get(ScoringSettings.MIN_KEY_ERRORS),
                s.get(ScoringSettings.LIKELIHOOD_SHORT_WINDOW),
                s.get(ScoringSettings.LIKELIHOOD_LONG_WINDOW),
                s.get(ScoringSettings.LIKELIHOOD_THRESHOLD),
                s.get(ScoringSettings.VOCABULARY_OPEN),
                AlertRules.from(s),
                s.get(ScoringSettings.TOKEN_RULE),
                s.get(ScoringSettings.END_THRESHOLD));
    }

    public ScoringConfig withWarmupEvents(int n) {
        return with(p -> p.warmupEvents = n);
    }

    public ScoringConfig withThreshold(Double t) {
        return with(p -> p.threshold = t);
    }

    public ScoringConfig withSwapPolicy(SwapPolicy policy) {
        return with(p -> p.swapPolicy = policy);
    }

    public ScoringConfig withRingSize(int n) {
        return with(p -> p.ringSize = n);
    }

    public ScoringConfig withAllowedLatenessMs(long ms) {
        return with(p -> p.allowedLatenessMs = ms);
    }

    public ScoringConfig withLikelihood(int shortWindow, int longWindow) {
        return with(
                p -> {
                    p.likelihoodShortWindow = shortWindow;
                    p.likelihoodLongWindow = longWindow;
                });
    }

    public ScoringConfig withAlerts(AlertRules rules) {
        return with(p -> p.alerts = rules);
    }

    public ScoringConfig withTopG(Integer g) {
        return with(p -> p.topG = g);
    }

    public ScoringConfig withTokenRule(TokenRule rule) {
        return with(p -> p.tokenRule = rule);
    }

    public ScoringConfig withEndThreshold(Double t) {
        return with(p -> p.endThreshold = t);
    }

    private ScoringConfig with(Consumer<Parts> change) {
        Parts p = new Parts(this);
        change.accept(p);
        return p.build();
    }

    /** The components as mutable fields, so each wither names only what it changes. */
    private static final class Parts {
        int warmupEvents;
        Double threshold;
        ScorerKind scorer;
        long allowedLatenessMs;
        int ringSize;
        SwapPolicy swapPolicy;
        Integer topG;
        int minKeyErrors;
        int likelihoodShortWindow;
        int likelihoodLongWindow;
        double likelihoodThreshold;
        boolean openVocabulary;
        AlertRules alerts;
        TokenRule tokenRule;
        Double endThreshold;

        Parts(ScoringConfig c) {
            warmupEvents = c.warmupEvents;
            threshold = c.threshold;
            scorer = c.scorer;
            allowedLatenessMs = c.allowedLatenessMs;
            ringSize = c.ringSize;
            swapPolicy = c.swapPolicy;
            topG = c.topG;
            minKeyErrors = c.minKeyErrors;
            likelihoodShortWindow = c.likelihoodShortWindow;
            likelihoodLongWindow = c.likelihoodLongWindow;
            likelihoodThreshold = c.likelihoodThreshold;
            openVocabulary = c.openVocabulary;
            alerts = c.alerts;
            tokenRule = c.tokenRule;
            endThreshold = c.endThreshold;
        }

        ScoringConfig build() {
            return new ScoringConfig(
                    warmupEvents,
                    threshold,
                    scorer,
                    allowedLatenessMs,
                    ringSize,
                    swapPolicy,
                    topG,
                    minKeyErrors,
                    likelihoodShortWindow,
                    likelihoodLongWindow,
                    likelihoodThreshold,
                    openVocabulary,
                    alerts,
                    tokenRule,
                    endThreshold);
        }
    }
}
