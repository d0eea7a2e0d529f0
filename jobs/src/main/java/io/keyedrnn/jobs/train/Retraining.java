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

    /**
     * How often to run: every null runs once, else every that many ms for rounds rounds (0: until
     * stopped). Bad settings throw {@link JobException} as {@link #run} would.
     */
    public record Schedule(Long everyMs, int rounds) {}

    /** The schedule the settings ask for ({@code retrain.every}, {@code retrain.rounds}). */
    public static Schedule schedule(Path configFile, Map<String, String> settings) {
        try {
            TrainSettings s = TrainSettings.load(configFile, settings);
            return new Schedule(s.retrainEveryMs, s.retrainRounds);
        } catch (IllegalArgumentException e) {
            throw JobException.badInput(e.getMessage());
        }
    }

    private static TrainingOutcome outcome(RunRecord r, String message) {
        boolean wrote = r.status.wroteModel();
        return new TrainingOutcome(
                r.status, wrote ? r.out : null, wrote ? r.version : 0, message, r.publishedTo);
    }
}
