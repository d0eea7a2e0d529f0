package io.keyedrnn.jobs.cli;

import io.keyedrnn.model.io.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keyed-rnn demo}: for now, replay of the bundled example model and events. The streaming
 * demo (embedded Kafka, MiniCluster, retrain and hot swap) replaces this class.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Run replay on the bundled example (examples/example-model.safetensors and"
                        + " examples/events.jsonl) and show what it found.")
public final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "O",
            description = "where to write the predictions (default: a file in the temp directory)")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        Path examples = home().resolve("examples");
        Path modelFile = examples.resolve("example-model.safetensors");
        Path events = examples.resolve("events.jsonl");
        if (!Files.isRegularFile(modelFile) || !Files.isRegularFile(events)) {
            throw CliException.usage(
                    "the bundled example is not in "
                            + examples
                            + " (run from the repository root or set KEYED_RNN_HOME)");
        }
        Path target = out != null ? out : Files.createTempFile("keyed-rnn-demo-", ".jsonl");
        Model model = ModelLoading.read(modelFile);
        w.println("keyed-rnn demo: offline replay of the bundled example");
        w.println("model  " + modelFile);
        w.println("events " + events);
        Replay replay = new Replay(model, ReplaySettings.load(null, null), false);
        Replay.Summary summary;
        try (InputStream in = Files.newInputStream(events);
                OutputStream os = Files.newOutputStream(target)) {
            summary = replay.run(in, os, spec.commandLine().getErr());
        }
        w.println("replayed: " + summary);
        printAnomalies(w, target);
        w.println("predictions written to " + target);
        w.flush();
        return 0;
    }

    private static void printAnomalies(PrintWriter w, Path predictions) throws IOException {
        List<String> lines = Files.readAllLines(predictions, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"anomaly\":true")) {
                w.println("anomaly at output line " + (i + 1) + ": " + abbreviate(lines.get(i)));
            }
        }
    }

    private static String abbreviate(String line) {
        int cut = line.indexOf(",\"prediction\"");
        int score = line.indexOf(",\"score\"");
        return cut < 0 || score < 0 ? line : line.substring(0, cut) + line.substring(score);
    }

    /** The repository root: -Dkeyed.rnn.home (set by bin/keyed-rnn), KEYED_RNN_HOME, or cwd. */
    static Path home() {
        String p = System.getProperty("keyed.rnn.home");
        if (p == null || p.isBlank()) {
            p = System.getenv("KEYED_RNN_HOME");
        }
        return Path.of(p == null || p.isBlank() ? "." : p);
    }
}
