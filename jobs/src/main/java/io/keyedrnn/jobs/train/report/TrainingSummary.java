package io.keyedrnn.jobs.train.report;

import io.keyedrnn.jobs.train.prepare.PreparedData;
import io.keyedrnn.serve.Event;
import io.keyedrnn.train.EpochStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code training} object of the model metadata: data range, keys, events, skipped counts by
 * reason, losses per epoch, validation losses, calibration outcome, seed and configuration.
 * Non-finite numbers are written as null, so the JSON stays standard.
 */
public final class TrainingSummary {
    private TrainingSummary() {}

    public static Map<String, Object> of(RunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trained_at", r.started.toString());
        m.put("source", r.source);
        m.put("data", data(r));
        m.put("skipped_events", r.skipped.events());
        m.put("skipped_keys", r.skipped.keys());
        m.put("epochs_run", r.epochs.size());
        m.put("best_epoch", r.bestEpoch);
        m.put("stopped_early", r.stoppedEarly);
        m.put("losses", values(r.epochs, false));
        m.put("validation_losses", values(r.epochs, true));
        m.put("validation_loss", finite(r.validationLoss));
        m.put("timesteps_per_second", finite(r.timestepsPerSecond));
        if (r.currentVersion != null || r.currentProblem != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("version", r.currentVersion);
            c.put("origin", r.currentOrigin);
            c.put("validation_loss", r.currentLoss == null ? null : finite(r.currentLoss));
            c.put("problem", r.currentProblem);
            m.put("replaced_model", c);
        }
        if (r.calibration != null) {
            m.put("calibrated_on", r.calibratedOnTraining ? "training" : "validation");
            m.put("calibration_achieved_false_alarm_rate", r.calibration.achievedRate());
            m.put("calibration_scored_events", r.calibration.scored());
        }
        m.put("config", r.config);
        return m;
    }

    private static Map<String, Object> data(RunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        PreparedData d = r.data;
        if (d == null) {
            return m;
        }
        long[] range = d.timeRange();
        m.put("first_ts", range[0] == Event.NO_TIMESTAMP ? null : range[0]);
        m.put("last_ts", range[1] == Event.NO_TIMESTAMP ? null : range[1]);
        m.put(
                "first_time",
                range[0] == Event.NO_TIMESTAMP ? null : Instant.ofEpochMilli(range[0]).toString());
        m.put(
                "last_time",
                range[1] == Event.NO_TIMESTAMP ? null : Instant.ofEpochMilli(range[1]).toString());
        m.put("keys", d.keys().size());
        m.put("events", d.events());
        m.put("training_events", d.trainingEvents());
        m.put("validation_events", d.validationEvents());
        return m;
    }

    private static List<Object> values(List<EpochStats> epochs, boolean validation) {
        List<Object> out = new ArrayList<>();
        for (EpochStats s : epochs) {
            out.add(finite(validation ? s.validationLoss() : s.loss()));
        }
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
