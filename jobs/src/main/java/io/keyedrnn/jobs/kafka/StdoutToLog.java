package io.keyedrnn.jobs.kafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/** Runs a library call that prints to {@code System.out} and sends what it printed to a log. */
final class StdoutToLog {
    /** A library call that may throw. */
    interface Call {
        void run() throws Exception;
    }

    private StdoutToLog() {}

    /**
     * Runs {@code call} with {@code System.out} captured, then logs each captured line at INFO.
     *
     * <p>Kafka's storage formatter prints its bootstrap records to {@code System.out} and has no
     * switch for it in the test kit; the console belongs to keyed-rnn's own lines. Only for calls
     * made while nothing else prints: other threads' output in that window goes to the log too.
     */
    static void run(Logger log, Call call) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            call.run();
        } finally {
            System.setOut(console);
            captured.toString(StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank())
                    .forEach(log::info);
        }
    }
}
