package io.keyedrnn.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.train.TrainingOutcome;
import io.keyedrnn.jobs.train.report.RunStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The schedule of {@code train --every}: rounds, refusals and failures, stop, exit codes. */
class TrainScheduleTest {
    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);

    private static TrainingOutcome wrote() {
        return new TrainingOutcome(RunStatus.PUBLISHED, Path.of("m"), 2, "published", "m/0@1");
    }

    private static TrainingOutcome refused() {
        return new TrainingOutcome(RunStatus.NOT_BETTER, null, 0, "does not beat it", null);
    }

    /** Rounds that play back the given results: an outcome, or an exception to throw. */
    private static TrainSchedule.Round playing(Deque<Object> results, int[] runs) {
        return () -> {
            runs[0]++;
            Object r = results.removeFirst();
            if (r instanceof Exception e) {
                throw e;
            }
            return (TrainingOutcome) r;
        };
    }

    @Test
    void refusedAndFailedRoundsKeepTheScheduleGoing() throws Exception {
        Deque<Object> results = new ArrayDeque<>();
        results.add(refused());
        results.add(JobException.failed("broker down", null));
        results.add(wrote());
        int[] runs = {0};
        int code =
                new TrainSchedule(1, 3, out, new CompletableFuture<>()).run(playing(results, runs));
        assertEquals(3, runs[0]);
        assertEquals(0, code, "a round wrote a model");
        String s = text.toString();
        assertTrue(s.contains("round 1 of 3") && s.contains("round 3 of 3"), s);
        assertTrue(s.contains("round 1: no new model: does not beat it"), s);
        assertTrue(s.contains("round 2 failed: broker down"), s);
    }

    @Test
    void noModelInAnyRoundExitsOne() throws Exception {
        Deque<Object> results = new ArrayDeque<>();
        results.add(refused());
        results.add(new IllegalStateException("boom"));
        int code =
                new TrainSchedule(1, 2, out, new CompletableFuture<>())
                        .run(playing(results, new int[1]));
        assertEquals(JobException.FAILED, code);
    }

    @Test
    void badSettingsInTheFirstRoundEndTheSchedule() {
        Deque<Object> results = new ArrayDeque<>();
        results.add(JobException.badInput("no readable events file x"));
        int[] runs = {0};
        TrainSchedule s = new TrainSchedule(1, 0, out, new CompletableFuture<>());
        JobException e = assertThrows(JobException.class, () -> s.run(playing(results, runs)));
        assertEquals(JobException.BAD_INPUT, e.exitCode());
        assertEquals(1, runs[0]);
    }

    @Test
    void aStopEndsTheWaitForTheNextRound() throws Exception {
        CompletableFuture<String> stop = new CompletableFuture<>();
        Deque<Object> results = new ArrayDeque<>();
        results.add(wrote());
        int[] runs = {0};
        TrainSchedule.Round round = playing(results, runs);
        Thread stopper =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(200);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            stop.complete("SIGTERM");
                        });
        stopper.start();
        // An hour between rounds, until stopped: only the stop can end it.
        int code = new TrainSchedule(3_600_000, 0, out, stop).run(round);
        stopper.join();
        assertEquals(0, code);
        assertEquals(1, runs[0]);
        assertTrue(text.toString().contains("next round at "), text.toString());
        assertTrue(text.toString().contains("stopped by SIGTERM"), text.toString());
    }
}
