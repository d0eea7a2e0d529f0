package io.keyedrnn.jobs.train;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.train.report.RunRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** The retraining job's Java entry point: settings in, a {@link TrainingOutcome} out. */
public final class Retraining {
    private Retraining() {}

    /**
     * Runs the job with the settings file (null: none) and settings on top (keys as in {@code
     * config/train.properties}), printing progress to {@code out}. A refused model (diverged, not
     * better than the current one) is an outcome; bad settings and failures throw {@link
     * JobException}.
     */
    public static TrainingOutcome run(
            Path configFile, Map<String, String> settings, PrintWriter out, boolean terminal)
            throws Exception {
        TrainSettings s;
        try {
            s = TrainSettings.load(configFile, settings);
        } catch (IllegalArgumentException e) {
            throw JobException.badInput(e.getMessage());
        }
        RetrainJob job =
                new RetrainJob(s, RetrainJob.FLINK, out, terminal, System::currentTimeMillis);
        try {
            job.run();
        } catch (JobException e) {
            // A failure before any outcome (bad input, broker down) has no status yet.
            if (job.record().status == null || !job.record().status.refused()) {
                throw e;
            }
            return outcome(job.record(), e.getMessage());
        }
        return outcome(job.record(), job.record().message);
    }

    private static TrainingOutcome outcome(RunRecord r, String message) {
        boolean wrote = r.status.wroteModel();
        return new TrainingOutcome(
                r.status, wrote ? r.out : null, wrote ? r.version : 0, message, r.publishedTo);
    }
}
