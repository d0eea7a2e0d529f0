package io.keyedrnn.jobs.kafka;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Log lines for dead letters the broker refused: the first at once, then at most one per interval,
 * each saying how many were dropped since the line before, so a refusing topic cannot flood the
 * log. Thread-safe: producer callbacks call it from Kafka's I/O thread.
 */
final class SendFailureLog {
    private final Consumer<String> out;
    private final LongSupplier clockMs;
    private final long intervalMs;
    private long nextLineAtMs = Long.MIN_VALUE;
    private long unlogged;

    SendFailureLog(Consumer<String> out, LongSupplier clockMs, long intervalMs) {
        this.out = out;
        this.clockMs = clockMs;
        this.intervalMs = intervalMs;
    }

    /** One refused dead letter: {@code what} names it and where its record came from. */
    synchronized void dropped(String what, Exception cause) {
        long now = clockMs.getAsLong();
        if (now < nextLineAtMs) {
            unlogged++;
            return;
        }
        out.accept(
                "Dropped a dead letter the broker refused: "
                        + what
                        + " ("
                        + cause.getClass().getSimpleName()
                        + ": "
                        + cause.getMessage()
                        + ")"
                        + since());
        unlogged = 0;
        nextLineAtMs = now + intervalMs;
    }

    /** The count of refusals not yet logged, so none goes unreported when the writer closes. */
    synchronized void close() {
        if (unlogged > 0) {
            out.accept(
                    "Dropped "
                            + unlogged
                            + " more dead letters the broker refused since the last such line");
            unlogged = 0;
        }
    }

    private String since() {
        return unlogged == 0 ? "" : "; " + unlogged + " more dropped since the last such line";
    }
}
