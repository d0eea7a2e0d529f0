package io.keyedrnn.jobs.scoring;

import io.keyedrnn.jobs.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code score} in this JVM, as the in-process score ITCases do, with topics e, p, m. */
final class ScoreCli {
    /** The exit code and what the command wrote to stderr. */
    record Result(int code, String err) {}

    private ScoreCli() {}

    /** {@code score} against the broker with topics e, p, m and the given dead-letter topic. */
    static List<String> args(String bootstrapServers, String deadLetterTopic, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "score",
                                "--bootstrap-servers",
                                bootstrapServers,
                                "--events-topic",
                                "e",
                                "--predictions-topic",
                                "p",
                                "--models-topic",
                                "m",
                                "--dead-letter-topic",
                                deadLetterTopic));
        args.addAll(List.of(extra));
        return args;
    }

    static Result run(List<String> args) {
        StringWriter err = new StringWriter();
        int code =
                Cli.run(
                        args.toArray(String[]::new),
                        new PrintWriter(new StringWriter(), true),
                        new PrintWriter(err, true));
        return new Result(code, err.toString());
    }
}
