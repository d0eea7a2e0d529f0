package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.common.JobSettings;
import io.keyedrnn.serve.EventFieldSettings;
import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.ScoringConfig;
import io.keyedrnn.serve.ScoringSettings;
import io.keyedrnn.serve.SessionConfig;
import io.keyedrnn.settings.Settings;
import io.keyedrnn.settings.SettingsLoader;
import java.nio.file.Path;
import java.util.Map;

/**
 * Scoring configuration and event field paths of {@code replay}, from a settings file plus
 * overrides: the scoring ({@link ScoringSettings}) and field ({@link EventFieldSettings}) keys; the
 * scoring job's own settings may share the file and are ignored; any other key is an error.
 */
public record ReplaySettings(ScoringConfig scoring, EventFields fields, SessionConfig session) {
    /** Reads the file (null: none) and applies the overrides on top. */
    public static ReplaySettings load(Path file, Map<String, String> overrides) {
        try {
            return of(loader().load(file, overrides));
        } catch (IllegalArgumentException e) {
            throw JobException.badInput(e.getMessage());
        }
    }

    private static ReplaySettings of(Settings s) {
        SessionConfig session = SessionConfig.from(s);
        if (session.hasGap() && !session.eventTimeGap()) {
            throw new IllegalArgumentException(
                    "replay measures session.gap.ms in event time only; set session.time: event"
                            + " (or session.gap.ms: 0)");
        }
        return new ReplaySettings(ScoringConfig.from(s), EventFieldSettings.from(s), session);
    }

    private static SettingsLoader loader() {
        return new SettingsLoader()
                .accept(ScoringSettings.ALL)
                .accept(EventFieldSettings.ALL)
                .ignore(JobSettings.SCORING_JOB, JobSettings.KAFKA_PREFIX, JobSettings.FLINK_PREFIX)
                .hint(" (replay reads the scoring and fields.* settings of config/scoring.yaml)");
    }
}
