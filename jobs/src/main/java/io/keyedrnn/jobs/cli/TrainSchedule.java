package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.train.TrainingOutcome;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code train --every}: the retraining job again and again, each round on the history and the
 * models topic as they are when it starts (with {@code --init current}, warm from the model in
 * service), until stopped or after {@code --rounds}.
 *
 * <p>A round that fails or whose model is refused leaves the model in service and the schedule goes
 * on; only bad settings in the first round end it (exit 2). The exit code is 0 when some round
 * wrote a model, else 1.
 */
final class TrainSchedule {
    /** One run of the retraining job. */
    interface Round {
        TrainingOutcome run() throws Exception;
    }

    private final long everyMs;
    private final int rounds;
    private final PrintWriter out;
    private final CompletableFuture<String> stop;

    /**
     * @param everyMs from the start of one round to the start of the next (at once when a round
     *     takes longer)
     * @param rounds rounds to run, 0 until stopped
     * @param stop completes when the schedule is to end (a signal); a running round finishes first
     */
    TrainSchedule(long everyMs, int rounds, PrintWriter out, CompletableFuture<String> stop) {
        this.everyMs = everyMs;
        this.rounds = rounds;
        this.out = out;
        this.stop = stop;
    }

    int run(Round round) throws Exception {
        int wrote = 0;
        for (int n = 1; rounds == 0 || n <= rounds; n++) {
            long start = System.currentTimeMillis();
            out.println("round " + n + (rounds > 0 ? " of " + rounds : "") + ", " + Instant.now());
            out.flush();
            wrote += runOne(round, n) ? 1 : 0;
            if (n == rounds || waitOrStop(start + everyMs)) {
                break;
            }
        }
        return wrote > 0 ? 0 : JobException.FAILED;
    }

    /** Whether the round wrote a model; a failure is printed, bad first-round settings thrown. */
    private boolean runOne(Round round, int n) throws Exception {
        try {
            TrainingOutcome o = round.run();
            if (!o.wroteModel()) {
                out.println("round " + n + ": no new model: " + o.message());
            }
            return o.wroteModel();
        } catch (JobException e) {
            if (n == 1 && e.exitCode() == JobException.BAD_INPUT) {
                throw e;
            }
            out.println("round " + n + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            out.println("round " + n + " failed: " + e);
        }
        return false;
    }

    /** Waits until the next round is due (epoch ms); true when a stop came first. */
    private boolean waitOrStop(long dueAt) throws InterruptedException {
        if (stop.isDone()) {
            out.println(stopped());
            return true;
        }
        long waitMs = Math.max(0, dueAt - System.currentTimeMillis());
        out.println(
                waitMs == 0
                        ? "next round now (the last one took longer than --every)"
                        : "next round at " + Instant.ofEpochMilli(dueAt));
        out.flush();
        try {
            stop.get(waitMs, TimeUnit.MILLISECONDS);
            out.println(stopped());
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private String stopped() {
        return "stopped by " + stop.getNow("a stop request") + "; the model in service stays";
    }
}
