package io.keyedrnn.jobs.cli;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.local.LocalFlink;
import io.keyedrnn.jobs.scoring.JobIdentity;
import io.keyedrnn.jobs.scoring.RestorePoint;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.executiongraph.ErrorInfo;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code score} on a MiniCluster in this JVM: submits the job under its stable id,
 * restoring from {@code from} if set, and runs it until it fails or a stop signal arrives; then
 * stops it with a savepoint (or, past the timeout, cancels it) and returns.
 */
final class ScoreRun {
    private static final long POLL_MS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(ScoreRun.class);

    private final JobIdentity identity;
    private final RestorePoint from;
    private final SavepointRestoreSettings restore;
    private final Duration stopTimeout;
    private final PrintWriter err;

    ScoreRun(
            JobIdentity identity,
            RestorePoint from,
            SavepointRestoreSettings restore,
            Duration stopTimeout,
            PrintWriter err) {
        this.identity = identity;
        this.from = from;
        this.restore = restore;
        this.stopTimeout = stopTimeout;
        this.err = err;
    }

    /** What the run resumes from, null for empty state. */
    RestorePoint from() {
        return from;
    }

    /** How the job is submitted: none, or the path to restore and its claim mode. */
    SavepointRestoreSettings restore() {
        return restore;
    }

    /** Runs the job built on env to its end; exit code 0 when stopped by a signal. */
    int run(StreamExecutionEnvironment env, Configuration conf, String name) throws Exception {
        int slots = env.getParallelism() > 0 ? env.getParallelism() : cores();
        try (LocalFlink flink = LocalFlink.start(1, slots, conf)) {
            say(flink.endpoints());
            StopSignals signals = StopSignals.install(err, "score");
            JobID job;
            try {
                job = flink.submit(env, name, identity.jobId(), restore);
            } catch (Exception e) {
                if (from == null) {
                    throw e;
                }
                throw restoreFailed(e.toString());
            }
            say("running job " + job + "; stop with Ctrl-C or SIGTERM (takes a savepoint)");
            CompletableFuture<JobResult> result = flink.cluster().requestJobResult(job);
            boolean confirmed = from == null;
            while (!signals.requested().isDone()) {
                if (result.isDone()) {
                    throw ended(result.get(), confirmed);
                }
                if (!confirmed) {
                    confirmed = restoreConfirmed(flink, job);
                }
                Thread.sleep(POLL_MS);
            }
            stop(flink, job, signals.requested().get());
            return 0;
        }
    }

    /**
     * After a restore, the first completed checkpoint proves the state was taken. A failure before
     * it that happened while restoring state (incompatible serializer, another job's state) would
     * restart forever: stop there and name the checkpoint.
     */
    private boolean restoreConfirmed(LocalFlink flink, JobID job) throws Exception {
        if (flink.completedCheckpoints(job) > 0) {
            return true;
        }
        ErrorInfo failure = flink.cluster().getExecutionGraph(job).get().getFailureInfo();
        String text = failure == null ? "" : failure.getExceptionAsString();
        // Messages only: every task's stack passes through StreamTask.restore().
        String messages =
                String.join("\n", text.lines().filter(l -> !l.trim().startsWith("at ")).toList());
        String lower = messages.toLowerCase(Locale.ROOT);
        if (lower.contains("restor") || lower.contains("statecontext")) {
            flink.cancel(job);
            throw restoreFailed(rootCause(text));
        }
        return false;
    }

    /**
     * The job ended on its own: one sentence with the innermost cause on the console, the full
     * stack trace in the log file (whose path {@code score} printed at start).
     */
    private JobException ended(JobResult r, boolean confirmed) {
        String trace =
                r.getSerializedThrowable().map(t -> t.getFullStringifiedStackTrace()).orElse(null);
        if (!confirmed) {
            return restoreFailed(
                    trace != null ? rootCause(trace) : String.valueOf(r.getApplicationStatus()));
        }
        if (trace == null) {
            return new JobException(
                    JobException.FAILED,
                    "the job ended ("
                            + String.valueOf(r.getApplicationStatus()).toLowerCase(Locale.ROOT)
                            + ") without a stop signal");
        }
        LOG.error("The scoring job {} failed", r.getJobId(), new FlinkFailure(trace));
        return new JobException(JobException.FAILED, endedMessage(trace));
    }

    /** The console's sentence for a job that failed with this stack trace. */
    static String endedMessage(String trace) {
        return "the job failed: " + rootCause(trace) + " (the full stack trace is in the log file)";
    }

    /** Carries a job's stringified stack trace into the log (the original classes may be gone). */
    private static final class FlinkFailure extends Exception {
        private static final long serialVersionUID = 1L;

        FlinkFailure(String trace) {
            super(trace, null, false, false);
        }
    }

    private JobException restoreFailed(String cause) {
        // Flink's hint names an option of its own CLI, which score does not have.
        int hint = cause.indexOf(" If you want to allow to skip this");
        if (hint > 0) {
            cause = cause.substring(0, hint);
        }
        return new JobException(
                JobException.FAILED,
                "cannot resume from "
                        + from.describe(System.currentTimeMillis())
                        + ": "
                        + cause
                        + "\nStart with --fresh to discard the job's state on purpose, or with"
                        + " --from-savepoint PATH to resume from another savepoint.");
    }

    private void stop(LocalFlink flink, JobID job, String signal) throws Exception {
        String dir = identity.savepointDir().toString();
        say(signal + ": stopping with a savepoint under " + dir + " (at most " + stopTimeout + ")");
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        String failure = "timed out";
        while (System.nanoTime() < deadline) {
            try {
                String path =
                        flink.cluster()
                                .stopWithSavepoint(job, dir, false, SavepointFormatType.CANONICAL)
                                .get(remainingMs(deadline), TimeUnit.MILLISECONDS);
                flink.cluster().requestJobResult(job).get(remainingMs(deadline), MILLISECONDS);
                say("stopped with savepoint " + path + "; the next start resumes from it");
                return;
            } catch (TimeoutException e) {
                break;
            } catch (ExecutionException e) {
                failure = String.valueOf(e.getCause());
                if (!notRunningYet(failure)) {
                    break;
                }
                // Stopped while still starting or restoring: a savepoint needs running tasks.
                Thread.sleep(POLL_MS);
            }
        }
        say(
                "no savepoint ("
                        + failure
                        + "); cancelling the job instead: the next start resumes from its last"
                        + " completed checkpoint");
        flink.cancel(job);
    }

    private static boolean notRunningYet(String failure) {
        String f = failure.toLowerCase(Locale.ROOT).replace('_', ' ');
        return f.contains("initializing") || f.contains("not all required tasks");
    }

    private static long remainingMs(long deadline) {
        return Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    }

    private void say(String line) {
        err.println("score: " + line);
        err.flush();
    }

    /**
     * The message of the innermost "Caused by" of a stack trace (the first line when there is
     * none): why a restore failed, without the wrapping exceptions and stack frames.
     */
    static String rootCause(String stackTrace) {
        String cause = stackTrace.lines().findFirst().orElse("").trim();
        boolean inCause = false;
        StringBuilder b = new StringBuilder();
        for (String line : stackTrace.lines().toList()) {
            String t = line.trim();
            if (t.startsWith("Caused by: ")) {
                b.setLength(0);
                b.append(t.substring("Caused by: ".length()));
                inCause = true;
            } else if (t.startsWith("at ") || t.startsWith("... ")) {
                inCause = false;
            } else if (inCause && !t.isEmpty()) {
                b.append(' ').append(t);
            }
        }
        return b.length() > 0 ? b.toString() : cause;
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
