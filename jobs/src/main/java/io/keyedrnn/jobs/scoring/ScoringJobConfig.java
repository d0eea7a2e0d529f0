package io.keyedrnn.jobs.scoring;

import io.keyedrnn.flink.ScoringOptions;
import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.ScoringConfig;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The scoring job's settings: one flat map read from a properties or flat-YAML file ({@code key:
 * value} lines, see {@code config/scoring.yaml}) with command-line overrides on top. Keys are the
 * job's own ({@link #JOB_KEYS}), the scoring settings ({@link ScoringConfig#KEYS}), the event field
 * paths ({@code fields.*}), and pass-throughs: {@code kafka.X} goes to every Kafka client as X,
 * {@code flink.X} into the Flink configuration as X. Any other key is an error naming it.
 */
public final class ScoringJobConfig {
    static final Set<String> JOB_KEYS =
            Set.of(
                    "bootstrap.servers",
                    "events.topic",
                    "predictions.topic",
                    "models.topic",
                    "dead.letter.topic",
                    "group.id",
                    "events.starting.offsets",
                    "delivery.guarantee",
                    "transactional.id.prefix",
                    "transaction.timeout.ms",
                    "model.path",
                    "model.max.bytes",
                    "input.kind",
                    "input.features",
                    "output.state",
                    "parallelism",
                    "max.parallelism",
                    "checkpoint.interval.ms",
                    "checkpoint.dir",
                    "state.backend",
                    "state.ttl.ms",
                    "stop.savepoint.timeout.ms",
                    "job.name");

    /** Defaults of the job's own settings; config/scoring.yaml documents the same values. */
    public static final Map<String, String> DEFAULTS =
            Map.ofEntries(
                    Map.entry("group.id", "keyed-rnn-scoring"),
                    Map.entry("events.starting.offsets", "committed"),
                    Map.entry("delivery.guarantee", "exactly-once"),
                    Map.entry("transactional.id.prefix", "keyed-rnn"),
                    Map.entry("transaction.timeout.ms", "600000"),
                    Map.entry("model.max.bytes", "536870912"),
                    Map.entry("input.kind", "auto"),
                    Map.entry("input.features", "0"),
                    Map.entry("output.state", "false"),
                    Map.entry("parallelism", "0"),
                    Map.entry("max.parallelism", "128"),
                    Map.entry("checkpoint.interval.ms", "10000"),
                    Map.entry("checkpoint.dir", "file:///tmp/keyed-rnn/checkpoints"),
                    Map.entry("state.backend", "hashmap"),
                    Map.entry("state.ttl.ms", "0"),
                    Map.entry("stop.savepoint.timeout.ms", "60000"),
                    Map.entry("job.name", "keyed-rnn scoring"));

    /** Event field paths, shared with replay. */
    public static final Set<String> FIELD_KEYS =
            Set.of("fields.key", "fields.ts", "fields.features", "fields.token");

    private final Map<String, String> values;
    private final String source;

    private ScoringJobConfig(Map<String, String> values, String source) {
        Map<String, String> merged = new TreeMap<>(DEFAULTS);
        merged.putAll(values);
        this.values = Collections.unmodifiableMap(merged);
        this.source = source;
        validate();
    }

    /** Settings from a file (null: none) with overrides (null: none) on top. */
    public static ScoringJobConfig load(Path file, Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>();
        if (file != null) {
            m.putAll(SettingsFile.read(file));
        }
        if (overrides != null) {
            overrides.forEach((k, v) -> m.put(k, v == null ? null : v.trim()));
        }
        m.values().removeIf(v -> v == null);
        return new ScoringJobConfig(m, file != null ? file.toString() : "the command line");
    }

    public static ScoringJobConfig of(Map<String, String> values) {
        return new ScoringJobConfig(values, "the settings");
    }

    /** Whether the key is one only the job uses (Kafka, Flink, topics), not the scoring step. */
    public static boolean isJobSetting(String key) {
        return JOB_KEYS.contains(key) || key.startsWith("kafka.") || key.startsWith("flink.");
    }

    private void validate() {
        Set<String> unknown = new TreeSet<>();
        for (String k : values.keySet()) {
            boolean known =
                    isJobSetting(k) || ScoringConfig.KEYS.contains(k) || FIELD_KEYS.contains(k);
            if (!known) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown setting(s) "
                            + unknown
                            + " in "
                            + source
                            + " (see config/scoring.yaml for the known ones; Kafka client"
                            + " settings go under kafka., Flink settings under flink.)");
        }
        try {
            ScoringConfig.fromMap(values);
            eventFields();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("in " + source + ": " + e.getMessage(), e);
        }
        deliveryGuarantee();
        stateBackend();
        number("transaction.timeout.ms", 1);
        number("checkpoint.interval.ms", 1);
        number("max.parallelism", 1);
        number("state.ttl.ms", 0);
        number("stop.savepoint.timeout.ms", 1);
        number("input.features", 0);
        number("model.max.bytes", 1);
        number("parallelism", 0);
        ScoringOptions.InputKind.fromId(get("input.kind", "auto"));
        startingOffsets();
    }

    /** The value of a key, or the fallback. */
    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** The value of a key that must be set; throws naming the key and how to set it. */
    public String required(String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException(
                    "setting '" + key + "' is required (in the --config file or as an option)");
        }
        return v;
    }

    /** A whole-number setting (default from {@link #DEFAULTS}) of at least {@code min}. */
    public long number(String key, long min) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("setting '" + key + "' has no value");
        }
        long n;
        try {
            n = Long.parseLong(v.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "setting '"
                            + key
                            + "' in "
                            + source
                            + " must be a whole number, got '"
                            + v
                            + "'");
        }
        if (n < min) {
            throw new IllegalArgumentException(
                    "setting '"
                            + key
                            + "' in "
                            + source
                            + " must be at least "
                            + min
                            + ", got "
                            + n);
        }
        return n;
    }

    public boolean flag(String key) {
        String v = get(key, "false").toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(
                    "setting '" + key + "' must be true or false, got '" + v + "'");
        }
        return v.equals("true");
    }

    /** exactly-once (default), at-least-once or none. */
    public String deliveryGuarantee() {
        return oneOf("delivery.guarantee", "exactly-once", "exactly-once", "at-least-once", "none");
    }

    /** hashmap (default) or rocksdb. */
    public String stateBackend() {
        return oneOf("state.backend", "hashmap", "hashmap", "rocksdb");
    }

    /** committed (default: the group's offsets, else earliest), earliest or latest. */
    public String startingOffsets() {
        return oneOf("events.starting.offsets", "committed", "committed", "earliest", "latest");
    }

    private String oneOf(String key, String fallback, String... allowed) {
        String v = get(key, fallback).trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException(
                "setting '"
                        + key
                        + "' in "
                        + source
                        + " must be one of "
                        + String.join(", ", allowed)
                        + ", got '"
                        + get(key, fallback)
                        + "'");
    }

    public EventFields eventFields() {
        EventFields d = EventFields.DEFAULT;
        return new EventFields(
                get("fields.key", d.key()),
                get("fields.ts", d.timestamp()),
                get("fields.features", d.features()),
                get("fields.token", d.token()));
    }

    /** The scoring settings only, for {@link ScoringConfig#fromMap}. */
    public Map<String, String> scoringSettings() {
        Map<String, String> m = new HashMap<>();
        values.forEach(
                (k, v) -> {
                    if (ScoringConfig.KEYS.contains(k)) {
                        m.put(k, v);
                    }
                });
        return m;
    }

    /** Settings under a prefix, with the prefix removed (kafka. or flink.). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> m = new TreeMap<>();
        values.forEach(
                (k, v) -> {
                    if (k.startsWith(prefix)) {
                        m.put(k.substring(prefix.length()), v);
                    }
                });
        return m;
    }

    /** A copy with more settings on top. */
    public ScoringJobConfig with(Map<String, String> more) {
        Map<String, String> m = new HashMap<>(values);
        m.putAll(more);
        return new ScoringJobConfig(m, source);
    }

    /** Every setting, with secret values masked, for logs. */
    public Map<String, String> masked() {
        return Secrets.mask(values);
    }

    @Override
    public String toString() {
        return masked().toString();
    }
}
