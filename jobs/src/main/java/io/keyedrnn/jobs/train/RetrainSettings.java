package io.keyedrnn.jobs.train;

import io.keyedrnn.model.io.CalendarInputs;
import io.keyedrnn.settings.Parsers;
import io.keyedrnn.settings.Setting;
import java.util.List;

/** Where the retraining job's history comes from and what it writes: its own settings. */
public final class RetrainSettings {
    private RetrainSettings() {}

    public static final Setting<String> EVENTS_FILES =
            Setting.text("events.files", null, "history files, .jsonl or .csv, comma-separated");
    public static final Setting<String> START_OFFSETS =
            Setting.text(
                    "start.offsets",
                    "earliest",
                    "Kafka range start: earliest, latest, ts:EPOCH_MS or partition:offset,...");
    public static final Setting<String> END_OFFSETS =
            Setting.text("end.offsets", "latest", "Kafka range end, as start.offsets");
    public static final Setting<Long> BROKER_TIMEOUT_MS =
            Setting.whole("broker.timeout.ms", 30_000L, 1, "how long to wait for the broker");
    public static final Setting<String> FEATURE_NAMES =
            Setting.text("feature.names", null, "names of the numeric features, comma-separated");
    public static final Setting<CalendarInputs> CALENDAR_INPUTS =
            Setting.of(
                    "calendar.inputs",
                    null,
                    CalendarInputs::parse,
                    "numeric input: inputs derived from the event time (UTC) after the features,"
                            + " none or time_of_day and/or day_of_week, comma-separated (each adds"
                            + " its sin and cos); with --init: the initial model's");
    public static final Setting<String> CSV_KEY =
            Setting.text("csv.key", "key", "CSV column of the key");
    public static final Setting<Boolean> CSV_KEY_PER_FILE =
            Setting.flag(
                    "csv.key.per.file",
                    false,
                    "each CSV file is one key, named after the file (no key column)");
    public static final Setting<String> CSV_TS =
            Setting.text("csv.ts", "ts", "CSV column of the time (optional column)");
    public static final Setting<String> CSV_TOKEN =
            Setting.text("csv.token", "token", "CSV column of the token");
    public static final Setting<String> CSV_FEATURES =
            Setting.text("csv.features", null, "CSV feature columns; default: all others");
    public static final Setting<String> OUT =
            Setting.text("out", null, "where the model file goes (required)");
    public static final Setting<String> INIT =
            Setting.text(
                    "init",
                    null,
                    "model to warm-start from and to beat on validation; current = the newest on"
                            + " models.topic");
    public static final Setting<Boolean> PUBLISH =
            Setting.flag("publish", false, "publish the new model to models.topic");
    public static final Setting<String> MODELS_KEY =
            Setting.text("models.key", "model", "record key of published models");
    public static final Setting<Long> VERSION =
            Setting.whole("version", null, 1, "model version; default: above the current one");
    public static final Setting<String> NORMALIZE =
            Setting.choice("normalize", "zscore", "feature normaliser", "zscore", "none");
    public static final Setting<Double> VALIDATION_FRACTION =
            Setting.decimal(
                    "validation.fraction",
                    0.2,
                    0,
                    0.9,
                    "last part of each key held out; 0 = none (train on every event)");
    public static final Setting<Boolean> PUBLISH_UNVALIDATED =
            Setting.flag(
                    "publish.unvalidated",
                    false,
                    "allow publish without a validation hold-out (validation.fraction 0)");
    public static final Setting<Double> FALSE_ALARM_RATE =
            Setting.decimal(
                    "false.alarm.rate",
                    0.01,
                    1e-9,
                    0.5,
                    "calibrated share of normal events flagged");
    public static final Setting<Integer> VOCABULARY_SIZE =
            Setting.integer("vocabulary.size", 1000, 2, "most frequent tokens kept");
    public static final Setting<String> UNKNOWN_TOKENS =
            Setting.choice("unknown.tokens", "unk", "tokens outside the vocabulary", "unk", "skip");

    public static final Setting<Long> RETRAIN_EVERY =
            Setting.of(
                    "retrain.every",
                    null,
                    Parsers.durationMs(),
                    "run again every DURATION (90s, 30m, 2h, 1d, or ms) until stopped; unset: once");
    public static final Setting<Integer> RETRAIN_ROUNDS =
            Setting.integer(
                    "retrain.rounds", 0, 0, "with retrain.every: rounds to run, 0 = until stopped");

    public static final Setting<Boolean> SESSION_END_TOKEN =
            Setting.flag(
                    "session.end.token",
                    false,
                    "token streams: append <end> after each key's history and after every pause"
                            + " longer than session.gap.ms, where the scoring job scores ends");

    public static final List<Setting<?>> ALL =
            List.of(
                    SESSION_END_TOKEN,
                    RETRAIN_EVERY,
                    RETRAIN_ROUNDS,
                    EVENTS_FILES,
                    START_OFFSETS,
                    END_OFFSETS,
                    BROKER_TIMEOUT_MS,
                    FEATURE_NAMES,
                    CALENDAR_INPUTS,
                    CSV_KEY,
                    CSV_KEY_PER_FILE,
                    CSV_TS,
                    CSV_TOKEN,
                    CSV_FEATURES,
                    OUT,
                    INIT,
                    PUBLISH,
                    PUBLISH_UNVALIDATED,
                    MODELS_KEY,
                    VERSION,
                    NORMALIZE,
                    VALIDATION_FRACTION,
                    FALSE_ALARM_RATE,
                    VOCABULARY_SIZE,
                    UNKNOWN_TOKENS);

    /** Prefix of the scoring settings used while calibrating, e.g. scoring.min.key.errors. */
    public static final String SCORING_PREFIX = "scoring.";
}
