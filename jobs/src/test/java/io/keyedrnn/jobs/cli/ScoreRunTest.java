package io.keyedrnn.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A failed job or restore is reported by its innermost cause, without wrappers and frames. */
class ScoreRunTest {
    @Test
    void rootCauseIsTheInnermostCausedByWithItsContinuationLines() {
        String trace =
                String.join(
                        "\n",
                        "org.apache.flink.runtime.client.JobInitializationException: Could not"
                                + " start the JobMaster.",
                        "\tat org.apache.flink.runtime.jobmaster.X.lambda$new$0(X.java:97)",
                        "Caused by: java.util.concurrent.CompletionException: wrapped",
                        "\tat java.base/java.util.concurrent.CompletableFuture.a(C.java:1)",
                        "\t... 4 more",
                        "Caused by: java.lang.IllegalStateException: Failed to rollback to"
                                + " checkpoint/savepoint file:/cp/chk-5.",
                        "Cannot map checkpoint/savepoint state for operator 1a2b.",
                        "\tat org.apache.flink.runtime.checkpoint.Checkpoints.load(C.java:2)",
                        "\t... 9 more");
        assertEquals(
                "java.lang.IllegalStateException: Failed to rollback to checkpoint/savepoint"
                        + " file:/cp/chk-5. Cannot map checkpoint/savepoint state for operator"
                        + " 1a2b.",
                ScoreRun.rootCause(trace));
    }

    @Test
    void withoutACauseTheFirstLineStands() {
        assertEquals(
                "java.io.IOException: disk gone",
                ScoreRun.rootCause("java.io.IOException: disk gone\n\tat a.B.c(B.java:1)"));
    }

    @Test
    void aJobThatFailsIsOneLineNamingItsCause() {
        String trace =
                String.join(
                        "\n",
                        "org.apache.flink.runtime.JobException: Recovery is suppressed by"
                                + " NoRestartBackoffTimeStrategy",
                        "\tat org.apache.flink.runtime.executiongraph.X.a(X.java:1)",
                        "\tat org.apache.flink.runtime.executiongraph.X.b(X.java:2)",
                        "Caused by: org.apache.kafka.common.errors.TimeoutException: Timeout of"
                                + " 60000ms expired before the position for partition events-0"
                                + " could be determined",
                        "\t... 12 more");
        String m = ScoreRun.endedMessage(trace);
        assertEquals(
                "the job failed: org.apache.kafka.common.errors.TimeoutException: Timeout of"
                        + " 60000ms expired before the position for partition events-0 could be"
                        + " determined (the full stack trace is in the log file)",
                m);
        assertTrue(m.lines().count() == 1 && !m.contains("\tat "), m);
    }
}
