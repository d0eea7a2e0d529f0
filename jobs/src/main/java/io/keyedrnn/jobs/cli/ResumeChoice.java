package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.common.JobSettings;
import io.keyedrnn.jobs.scoring.JobIdentity;
import io.keyedrnn.jobs.scoring.RestorePoint;
import io.keyedrnn.jobs.scoring.RestorePoints;
import io.keyedrnn.jobs.scoring.ScoringJobConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;

/**
 * What {@code score} starts from, said in one console line: the newest checkpoint or savepoint of
 * the same job, a savepoint the user names, or (asked for, or when there is none) empty state.
 */
final class ResumeChoice {
    private ResumeChoice() {}

    static ScoreRun decide(
            JobIdentity id,
            boolean fresh,
            String fromSavepoint,
            ScoringJobConfig c,
            PrintWriter err)
            throws IOException {
        if (fresh && fromSavepoint != null) {
            throw JobException.badInput("--fresh and --from-savepoint exclude each other");
        }
        Duration timeout = Duration.ofMillis(c.get(JobSettings.STOP_SAVEPOINT_TIMEOUT_MS));
        long now = System.currentTimeMillis();
        String job = "job " + id.jobId();
        if (fromSavepoint != null) {
            RestorePoint asked = usable(fromSavepoint);
            Optional<Path> aside = RestorePoints.setAside(id, now);
            String path = moved(asked.path(), id.jobDir(), aside);
            RestorePoint p =
                    new RestorePoint(
                            path, asked.checkpointId(), asked.writtenAtMs(), asked.savepoint());
            aside.ifPresent(a -> say(err, "previous checkpoints of " + job + " moved to " + a));
            say(err, "resuming " + job + " from " + p.describe(now) + " (--from-savepoint)");
            // The user's savepoint stays theirs: never deleted when later checkpoints subsume it.
            return new ScoreRun(id, p, restore(path, RecoveryClaimMode.NO_CLAIM), timeout, err);
        }
        if (fresh) {
            Optional<Path> aside = RestorePoints.setAside(id, now);
            say(
                    err,
                    "starting "
                            + job
                            + " from empty state (--fresh)"
                            + aside.map(a -> "; its previous checkpoints moved to " + a)
                                    .orElse(""));
            return new ScoreRun(id, null, SavepointRestoreSettings.none(), timeout, err);
        }
        Optional<RestorePoint> newest;
        try {
            newest = RestorePoints.newest(id, w -> say(err, w));
        } catch (IOException e) {
            throw new JobException(JobException.FAILED, e.getMessage() + hint(), e);
        }
        if (newest.isEmpty()) {
            say(err, "starting " + job + " from empty state: no checkpoint under " + id.jobDir());
            return new ScoreRun(id, null, SavepointRestoreSettings.none(), timeout, err);
        }
        RestorePoint p = newest.get();
        say(err, "resuming " + job + " from " + p.describe(now));
        // Its own checkpoints: claimed, so they are cleaned up once newer ones complete.
        return new ScoreRun(id, p, restore(p.path(), RecoveryClaimMode.CLAIM), timeout, err);
    }

    private static RestorePoint usable(String dir) {
        try {
            return RestorePoints.at(dir);
        } catch (IOException e) {
            throw new JobException(JobException.BAD_INPUT, e.getMessage(), e);
        }
    }

    /** The savepoint's path after its job directory was renamed aside, if it was inside. */
    private static String moved(String path, Path jobDir, Optional<Path> aside) {
        String inside = new Path(path).toUri().getPath();
        String prefix = jobDir.toUri().getPath();
        if (aside.isPresent() && (inside + "/").startsWith(prefix + "/")) {
            return aside.get() + inside.substring(prefix.length());
        }
        return path;
    }

    private static SavepointRestoreSettings restore(String path, RecoveryClaimMode mode) {
        // Not allowing unrestored state: a checkpoint of another job graph is refused, not ignored.
        return SavepointRestoreSettings.forPath(path, false, mode);
    }

    private static String hint() {
        return "\nStart with --fresh to discard the job's state on purpose, or with"
                + " --from-savepoint PATH to resume from a given savepoint.";
    }

    private static void say(PrintWriter err, String line) {
        err.println("score: " + line);
        err.flush();
    }
}
