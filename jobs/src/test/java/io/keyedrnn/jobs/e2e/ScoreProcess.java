package io.keyedrnn.jobs.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code keyed-rnn score} as a child JVM started the way {@code bin/keyed-rnn} starts it ({@code
 * java --add-opens ... -jar jobs/target/keyed-rnn.jar score ...}), its console in a log file.
 */
final class ScoreProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ScoreProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ScoreProcess start(Path jar, List<String> args, Path log) throws IOException {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx768m",
                                "--add-opens",
                                "java.base/java.util=ALL-UNNAMED",
                                "--add-opens",
                                "java.base/java.lang=ALL-UNNAMED",
                                "-jar",
                                jar.toString(),
                                "score"));
        cmd.addAll(args);
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        return new ScoreProcess(p, log);
    }

    /** The console output so far. */
    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Waits until the console shows text; fails with the output if the process ends first. */
    void awaitOutput(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(
                        "score did not print '"
                                + text
                                + "' (alive: "
                                + process.isAlive()
                                + "); its output:\n"
                                + output());
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL: no shutdown of any kind. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the exit and returns its code. */
    int terminate(Duration timeout) throws Exception {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("score did not exit within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
