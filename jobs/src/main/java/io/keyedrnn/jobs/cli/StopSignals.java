package io.keyedrnn.jobs.cli;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a stop request instead of the JVM's immediate shutdown, so that
 * {@code score} can stop its job with a savepoint before the JVM's shutdown hooks tear Flink down
 * underneath it. A second signal exits at once.
 */
final class StopSignals {
    /** Exit code of a second signal: 128 + SIGINT, as a shell reports Ctrl-C. */
    static final int FORCED_EXIT = 130;

    private final CompletableFuture<String> requested = new CompletableFuture<>();
    private final PrintWriter err;

    private StopSignals(PrintWriter err) {
        this.err = err;
    }

    /** Installs the handlers for TERM and INT; the future completes with the signal's name. */
    static StopSignals install(PrintWriter err) {
        StopSignals s = new StopSignals(err);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s::handle);
        }
        return s;
    }

    CompletableFuture<String> requested() {
        return requested;
    }

    private void handle(Signal signal) {
        if (!requested.complete("SIG" + signal.getName())) {
            err.println("score: second SIG" + signal.getName() + "; exiting without waiting");
            err.flush();
            Runtime.getRuntime().halt(FORCED_EXIT);
        }
    }
}
