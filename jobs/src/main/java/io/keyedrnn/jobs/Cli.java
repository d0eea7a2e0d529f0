package io.keyedrnn.jobs;

import io.keyedrnn.jobs.cli.DemoCommand;
import io.keyedrnn.jobs.cli.InspectCommand;
import io.keyedrnn.jobs.cli.ReplayCommand;
import io.keyedrnn.jobs.common.JobException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of {@code bin/keyed-rnn}: dispatches to one picocli command class per command. */
@Command(
        name = "keyed-rnn",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.Version.class,
        description = "Per-key recurrent network scoring with state in Flink keyed state.",
        synopsisSubcommandLabel = "COMMAND")
public final class Cli implements Callable<Integer> {
    /**
     * The commands, in help order. To add one, write a class annotated with {@code @Command(name =
     * ...)} implementing {@code Callable<Integer>} and list its constructor here.
     */
    static final List<Supplier<Object>> COMMANDS =
            List.of(
                    DemoCommand::new,
                    io.keyedrnn.jobs.cli.ScoreCommand::new,
                    ReplayCommand::new,
                    InspectCommand::new,
                    io.keyedrnn.jobs.cli.ImportCommand::new,
                    io.keyedrnn.jobs.cli.ExportCommand::new,
                    io.keyedrnn.jobs.cli.EvalCommand::new,
                    io.keyedrnn.jobs.cli.TrainCommand::new);

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs a command in-process and returns its exit code: 0 done, 1 failed, 2 usage error (bad
     * option, missing file, bad setting).
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(
                (ex, cmd, parsed) -> {
                    String name = cmd.getCommandSpec().qualifiedName();
                    if (ex instanceof JobException ce) {
                        cmd.getErr().println(name + ": " + ce.getMessage());
                        return ce.exitCode();
                    }
                    cmd.getErr().println(name + ": failed: " + ex);
                    ex.printStackTrace(cmd.getErr());
                    return 1;
                });
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cli());
        for (Supplier<Object> command : COMMANDS) {
            cl.addSubcommand(command.get());
        }
        return cl;
    }

    /** Without a command: print the usage and fail as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("keyed-rnn: missing COMMAND");
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"keyed-rnn " + (v != null ? v : "dev")};
        }
    }
}
