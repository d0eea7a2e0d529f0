package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and keeps its exit code, stdout and stderr. */
record CliRunner(int code, String out, String err) {
    static CliRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRunner(code, out.toString(), err.toString());
    }
}
