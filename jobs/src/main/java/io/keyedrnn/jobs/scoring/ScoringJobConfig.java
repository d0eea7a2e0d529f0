package io.keyedrnn.jobs.scoring;

import io.keyedrnn.flink.ModelPointerPolicy;
import io.keyedrnn.jobs.common.JobSettings;
import io.keyedrnn.jobs.kafka.ScoringKafkaSettings;
import io.keyedrnn.serve.EventFieldSettings;
import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.ScoringConfig;
import io.keyedrnn.serve.ScoringSettings;
import io.keyedrnn.serve.SessionConfig;
import io.keyedrnn.settings.Setting;
import io.keyedrnn.settings.Settings;
import io.keyedrnn.settings.SettingsLoader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The scoring job's settings: one flat map read from a properties or flat-YAML file ({@code key:
 * value} lines, see {@code config/scoring.yaml}) with command-line overrides on top. Keys are the
 * job's own ({@link JobSettings}), the scoring settings ({@link ScoringSettings}), the event field
 * paths ({@link EventFieldSettings}), and pass-throughs: {@code kafka.X} goes to every Kafka client
 * as X, {@code flink.X} into the Flink configuration as X. Any other key is an error naming it.
 */
public final class ScoringJobConfig implements ScoringKafkaSettings {
    static final Set<String> JOB_KEYS = keys(JobSettings.SCORING_JOB);

    /** Defaults of the job's own settings; config/scoring.yaml documents the same values. */
    public static final Map<String, String> DEFAULTS = defaults(JobSettings.SCORING_JOB);

    /** Event field paths, shared with replay. */
    public static final Set<String> FIELD_KEYS = keys(EventFieldSettings.ALL);

    private final Settings settings;
    private final Map<String, String> values;
    private final String source;

    private ScoringJobConfig(Settings settings) {
        this.settings = settings;
        Map<String, String> merged = new TreeMap<>(DEFAULTS);
        merged.putAll(settings.values());
        this.values = Collections.unmodifiableMap(merged);
        this.source = settings.source();
        validate();
    }

    /** The one reader of the scoring job's settings. */
    static SettingsLoader loader() {
        return new SettingsLoader()
                .accept(JobSettings.SCORING_JOB)
                .accept(ScoringSettings.ALL)
                .accept(EventFieldSettings.ALL)
                .acceptPrefix(JobSettings.KAFKA_PREFIX)
                .acceptPrefix(JobSettings.FLINK_PREFIX)
                .hint(
                        " (see config/scoring.yaml for the known ones; Kafka client settings go"
                                + " under kafka., Flink settings under flink.)");
    }

    /** Settings from a file (null: none) with overrides (null: none) on top. */
    public static ScoringJobConfig load(Path file, Map<String, String> overrides) {
        return new ScoringJobConfig(loader().load(file, overrides));
    }

    public static ScoringJobConfig of(Map<String, String> values) {
        Map<String, String> m = new HashMap<>(values);
        m.values().removeIf(v -> v == null);
        return new ScoringJobConfig(loader().check(m, "the settings"));
    }

    /** Whether the key is one only the job uses (Kafka, Flink, topics), not the scoring step. */
    public static boolean isJobSetting(String key) {
        return JOB_KEYS.contains(key)
                || key.startsWith(JobSettings.KAFKA_PREFIX)
                || key.startsWith(JobSettings.FLINK_PREFIX);
    }

    private static Set<String> keys(List<Setting<?>> settings) {
        return settings.stream().map(Setting::key).collect(Collectors.toUnmodifiableSet());
    }

    private static Map<String, String> defaults(List<Setting<?>> settings) {
        Map<String, String> m = new TreeMap<>();
        for (Setting<?> s : settings) {
            if (s.defaultText() != null) {
                m.put(s.key(), s.defaultText());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private void validate() {
        try {
            ScoringConfig.from(settings);
            SessionConfig.from(settings);
            eventFields();
            modelPointers();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("in " + source + ": " + e.getMessage(), e);
        }
    }

    /** A setting's value (its default when not given). */
    @Override
    public <T> T get(Setting<T> s) {
        return settings.get(s);
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

    @Override
    public String required(Setting<String> s) {
        return required(s.key());
    }

    @Override
    public Map<String, String> kafkaClientSettings() {
        return withPrefix(JobSettings.KAFKA_PREFIX);
    }

    @Override
    public long producerMaxRequestSize() {
        String key = JobSettings.KAFKA_PREFIX + "max.request.size";
        String v = values.get(key);
        if (v == null) {
            return DEFAULT_MAX_REQUEST_SIZE;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + v + "' is not a whole number");
        }
    }

    /** Where checkpoints go, as a URI (a plain path given becomes a {@code file:} URI). */
    public String checkpointDir() {
        required(JobSettings.CHECKPOINT_DIR.key());
        return get(JobSettings.CHECKPOINT_DIR);
    }

    /** exactly-once (default), at-least-once or none. */
    @Override
    public String deliveryGuarantee() {
        return get(JobSettings.DELIVERY_GUARANTEE);
    }

    /** hashmap (default) or rocksdb. */
    public String stateBackend() {
        return get(JobSettings.STATE_BACKEND);
    }

    /** committed (default: the group's offsets, else earliest), earliest or latest. */
    @Override
    public String startingOffsets() {
        return get(JobSettings.STARTING_OFFSETS);
    }

    public EventFields eventFields() {
        return EventFieldSettings.from(settings);
    }

    /** When key sessions end and what follows, typed. */
    public SessionConfig sessionConfig() {
        return SessionConfig.from(settings);
    }

    /** Which model pointers the scoring task may follow ({@code model.uri.*}). */
    public ModelPointerPolicy modelPointers() {
        return ModelPointerPolicy.of(
                get(JobSettings.MODEL_URI_SCHEMES), get(JobSettings.MODEL_URI_ALLOWED_DIRS));
    }

    /** The scoring settings, typed. */
    public ScoringConfig scoringConfig() {
        return ScoringConfig.from(settings);
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
        Map<String, String> m = new HashMap<>(settings.values());
        m.putAll(more);
        return new ScoringJobConfig(loader().check(m, source));
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
