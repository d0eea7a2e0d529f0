package io.keyedrnn.serve;

import io.keyedrnn.score.ErrorScorer;
import io.keyedrnn.score.ScorerKind;
import io.keyedrnn.score.TokenRule;
import io.keyedrnn.settings.Parsers;
import io.keyedrnn.settings.Setting;
import java.util.List;

/** How keys are scored: the settings behind {@link ScoringConfig}, shared by score and replay. */
public final class ScoringSettings {
    private ScoringSettings() {}

    public static final Setting<Integer> WARMUP_EVENTS =
            Setting.integer(
                    "warmup.events", 10, 0, "events after a (re)start of a key that never alert");
    public static final Setting<Double> THRESHOLD =
            Setting.decimal(
                    "threshold",
                    null,
                    -Double.MAX_VALUE,
                    Double.MAX_VALUE,
                    "score threshold; default: the model's calibration, else 4 (z); for token streams a"
                            + " threshold on the surprisal -ln p that replaces top.g");
    public static final Setting<ScorerKind> SCORER =
            Setting.of(
                    "scorer",
                    ScorerKind.AUTO,
                    ScorerKind::fromId,
                    "auto, gaussian_error or token_rank");
    public static final Setting<Long> LATENESS_MS =
            Setting.whole(
                    "lateness.ms",
                    null,
                    0,
                    "events older than the key's latest by more are dead letters; default: accept"
                            + " all");
    public static final Setting<Integer> RING_SIZE =
            Setting.integer(
                    "ring.size", 32, 0, "recent inputs kept per key to rebuild state after a swap");
    public static final Setting<SwapPolicy> SWAP_POLICY =
            Setting.of(
                    "swap.policy",
                    SwapPolicy.REPLAY,
                    SwapPolicy::fromId,
                    "replay, reset or keep: a key's state when a new model arrives");
    public static final Setting<Integer> TOP_G =
            Setting.integer(
                    "top.g",
                    null,
                    1,
                    "DeepLog's g for token streams; default: calibration, else 9");
    public static final Setting<TokenRule> TOKEN_RULE =
            Setting.of(
                    "token.rule",
                    TokenRule.AUTO,
                    TokenRule::fromId,
                    "token streams: auto (threshold when set, else top.g), top_g, threshold, or"
                            + " either (outside top.g or -ln p above threshold)");
    public static final Setting<Double> END_THRESHOLD =
            Setting.decimal(
                    "end.threshold",
                    null,
                    -Double.MAX_VALUE,
                    Double.MAX_VALUE,
                    "token streams: a session end (<end>) is anomalous when its -ln p is above"
                            + " this, in place of token.rule; default: token.rule judges ends too");
    public static final Setting<Integer> MIN_KEY_ERRORS =
            Setting.integer(
                    "min.key.errors",
                    ErrorScorer.DEFAULT_MIN_KEY_ERRORS,
                    0,
                    "errors before a key's own statistics replace the calibration");
    public static final Setting<Integer> LIKELIHOOD_SHORT_WINDOW =
            Setting.integer(
                    "likelihood.short.window", 0, 0, "anomaly likelihood short window; 0 = off");
    public static final Setting<Integer> LIKELIHOOD_LONG_WINDOW =
            Setting.integer(
                    "likelihood.long.window", 500, 1, "span of the likelihood's long window");
    public static final Setting<Double> LIKELIHOOD_THRESHOLD =
            Setting.of(
                    "likelihood.threshold",
                    0.9999,
                    Parsers.decimal(0, 1),
                    "likelihood above which an event is anomalous, when enabled");
    public static final Setting<Boolean> VOCABULARY_OPEN =
            Setting.flag(
                    "vocabulary.open",
                    false,
                    "map unknown tokens to <unk> instead of dead-lettering them");

    public static final Setting<Long> SESSION_GAP_MS =
            Setting.whole(
                    "session.gap.ms",
                    0L,
                    0,
                    "a key's session ends after this long without an event (scores <end>);"
                            + " 0 = only by fields.end");
    public static final Setting<SessionConfig.SessionTime> SESSION_TIME =
            Setting.of(
                    "session.time",
                    SessionConfig.SessionTime.EVENT,
                    SessionConfig.SessionTime::fromId,
                    "event or processing: the clock of session.gap.ms");
    public static final Setting<String> SESSION_END_STATE =
            Setting.choice(
                    "session.end.state",
                    "clear",
                    "clear or keep: a key's state after its session ends",
                    "clear",
                    "keep");
    public static final Setting<Boolean> LIKELIHOOD_LOG_SCALE =
            Setting.flag(
                    "likelihood.log.scale",
                    false,
                    "report the likelihood as NAB's log(1.0000000001 - L) / log(1e-10), in [0, 1]");
    public static final Setting<String> LIKELIHOOD_HISTORY =
            Setting.choice(
                    "likelihood.history",
                    "scores",
                    "what the likelihood's long window learns: scores or averages (short-window"
                            + " means)",
                    "scores",
                    "averages");
    public static final Setting<Boolean> LEARN_FROM_ALERTS =
            Setting.flag(
                    "learn.from.alerts",
                    true,
                    "false: alerting events join neither the error statistics nor the likelihood"
                            + " history");
    public static final Setting<Double> RANGE_MARGIN =
            Setting.decimal(
                    "range.margin",
                    null,
                    0,
                    Double.MAX_VALUE,
                    "alert on a value beyond the key's range so far by this share of the range;"
                            + " default: off");
    public static final Setting<Integer> ALERT_QUIET_EVENTS =
            Setting.integer(
                    "alert.quiet.events",
                    0,
                    0,
                    "events after an alert that neither alert nor score (score 0)");
    public static final Setting<Boolean> SWAP_KEEP_STATISTICS =
            Setting.flag(
                    "swap.keep.statistics",
                    false,
                    "a new model version keeps the key's error statistics and likelihood windows");
    public static final Setting<Double> LIKELIHOOD_CAP =
            Setting.decimal(
                    "likelihood.cap",
                    null,
                    -Double.MAX_VALUE,
                    Double.MAX_VALUE,
                    "raw scores above this enter the likelihood's windows as this value;"
                            + " default: off");

    public static final List<Setting<?>> ALL =
            List.of(
                    WARMUP_EVENTS,
                    THRESHOLD,
                    SCORER,
                    LATENESS_MS,
                    RING_SIZE,
                    SWAP_POLICY,
                    TOP_G,
                    TOKEN_RULE,
                    END_THRESHOLD,
                    MIN_KEY_ERRORS,
                    LIKELIHOOD_SHORT_WINDOW,
                    LIKELIHOOD_LONG_WINDOW,
                    LIKELIHOOD_THRESHOLD,
                    VOCABULARY_OPEN,
                    SESSION_GAP_MS,
                    SESSION_TIME,
                    SESSION_END_STATE,
                    LIKELIHOOD_LOG_SCALE,
                    LIKELIHOOD_HISTORY,
                    LEARN_FROM_ALERTS,
                    RANGE_MARGIN,
                    ALERT_QUIET_EVENTS,
                    SWAP_KEEP_STATISTICS,
                    LIKELIHOOD_CAP);
}
