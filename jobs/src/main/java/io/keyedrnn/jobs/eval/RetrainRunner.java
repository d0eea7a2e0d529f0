package io.keyedrnn.jobs.eval;

import io.keyedrnn.jobs.Cli;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Trains models with the retraining job ({@code keyed-rnn train}), in this process: the events go
 * to a JSON-lines file, the job reads, prepares, trains, calibrates and writes a versioned model
 * file, and the model is read back from that file as the scoring job would receive it.
 */
public final class RetrainRunner implements AutoCloseable {
    private final Path dir;
    private int runs;

    public RetrainRunner() {
        try {
            dir = Files.createTempDirectory("keyed-rnn-eval");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory: " + e, e);
        }
    }

    /**
     * One run of the job on the events with the given options (besides --events, --out, --init and
     * --model-version, which this sets). Exit code 1 means the job refused to publish (for example,
     * the model did not beat {@code init} on validation): the outcome then has no model.
     */
    public Outcome train(List<String> events, List<String> options, Path init, long version) {
        int run = ++runs;
        Path eventsFile = dir.resolve("events-" + run + ".jsonl");
        Path out = dir.resolve("model-" + run + ".safetensors");
        try {
            Files.write(eventsFile, events, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + eventsFile + ": " + e, e);
        }
        List<String> args = new ArrayList<>(List.of("train", "--events", eventsFile.toString()));
        args.addAll(List.of("--out", out.toString(), "--model-version", Long.toString(version)));
        if (init != null) {
            args.addAll(List.of("--init", init.toString()));
        }
        args.addAll(options);
        StringWriter log = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Cli.run(
                        args.toArray(new String[0]),
                        new PrintWriter(log, true),
                        new PrintWriter(err, true));
        if (code == 1) {
            return new Outcome(null, null, lastLine(err.toString()));
        }
        if (code != 0) {
            throw new IllegalStateException(
                    "keyed-rnn " + String.join(" ", args) + " failed (exit " + code + "): " + err);
        }
        try {
            return new Outcome(ModelFile.read(out), out, lastLine(log.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trained model " + out + ": " + e, e);
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** Deletes the working files. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Temporary files only; leaving some behind is not worth failing the evaluation.
        }
    }

    /**
     * What a run produced.
     *
     * @param model the trained model, or null if the job refused to publish one
     * @param file where the model was written (null without a model)
     * @param message the job's last line of output
     */
    public record Outcome(Model model, Path file, String message) {}
}
