package io.keyedrnn.jobs.cli;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a stop request instead of the JVM's immediate shutdown, so that
 * {@code score} can stop its job with a savepoint before the JVM's shutdown hooks tear Flink down
 * underneath it, and {@code train --every} can end after its round. A second signal exits at once.
 */
final class StopSignals {
    /** Exit code of a second signal: 128 + SIGINT, as a shell reports Ctrl-C. */
    static final int FORCED_EXIT = 130;

    private final CompletableFuture<String> requested = new CompletableFuture<>();
    private final PrintWriter err;
    private final String command;

    private StopSignals(PrintWriter err, String command) {
        this.err = err;
        this.command = command;
    }

    /**
     * Installs the handlers for TERM and INT; the future completes with the signal's name. command
     * names the command in the second signal's line.
     */
    static StopSignals install(PrintWriter err, String command) {
        StopSignals s = new StopSignals(err, command);
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
            err.println(command + ": second SIG" + signal.getName() + "; exiting without waiting");
            err.flush();
            Runtime.getRuntime().halt(FORCED_EXIT);
        }
    }
}
