package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.local.Logging;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --verbose} option of the commands that run Flink or Kafka in this JVM. */
final class LogOptions {
    @Option(
            names = "--verbose",
            description =
                    "also show Flink and Kafka logs on the console (they always go to the log file)")
    boolean verbose;

    /** Applies the logging setup and names the log file once on {@code err}. */
    Path apply(String command, PrintWriter err) {
        Path file = Logging.configure(command, verbose);
        err.println(command + ": library logs go to " + file);
        err.flush();
        return file;
    }
}
