package io.keyedrnn.jobs.cli;

import static io.keyedrnn.jobs.scoring.ScoringJobConfig.FIELD_KEYS;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.scoring.ScoringJobConfig;
import io.keyedrnn.jobs.scoring.SettingsFile;
import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.ScoringConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scoring configuration and event field paths from a settings file plus overrides.
 *
 * <p>The file is Java properties, which also reads flat YAML ({@code key: value} lines). Keys are
 * {@link ScoringConfig#KEYS} and {@code fields.key}, {@code fields.ts}, {@code fields.features},
 * {@code fields.token}; any other key is an error, so a typo does not go unnoticed.
 */
public record ReplaySettings(ScoringConfig scoring, EventFields fields) {
    /** Reads the file (null: none) and applies the overrides on top. */
    public static ReplaySettings load(Path file, Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>();
        if (file != null) {
            m.putAll(readFile(file));
        }
        if (overrides != null) {
            m.putAll(overrides);
        }
        return of(m, file != null ? file.toString() : "--set");
    }

    static ReplaySettings of(Map<String, String> m, String source) {
        Set<String> unknown = new TreeSet<>(m.keySet());
        unknown.removeAll(ScoringConfig.KEYS);
        unknown.removeAll(FIELD_KEYS);
        // The job's own settings (Kafka, Flink, topics) may share the file: replay ignores them.
        unknown.removeIf(ScoringJobConfig::isJobSetting);
        if (!unknown.isEmpty()) {
            Set<String> known = new TreeSet<>(ScoringConfig.KEYS);
            known.addAll(FIELD_KEYS);
            throw JobException.badInput(
                    "unknown setting(s) " + unknown + " in " + source + "; known: " + known);
        }
        try {
            EventFields d = EventFields.DEFAULT;
            EventFields fields =
                    new EventFields(
                            m.getOrDefault("fields.key", d.key()),
                            m.getOrDefault("fields.ts", d.timestamp()),
                            m.getOrDefault("fields.features", d.features()),
                            m.getOrDefault("fields.token", d.token()));
            return new ReplaySettings(ScoringConfig.fromMap(m), fields);
        } catch (IllegalArgumentException e) {
            throw JobException.badInput("bad setting in " + source + ": " + e.getMessage());
        }
    }

    private static Map<String, String> readFile(Path file) {
        try {
            return SettingsFile.read(file);
        } catch (IllegalArgumentException e) {
            throw JobException.badInput(e.getMessage());
        }
    }
}
