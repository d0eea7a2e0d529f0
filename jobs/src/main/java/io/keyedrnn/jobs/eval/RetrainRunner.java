package io.keyedrnn.jobs.eval;

import io.keyedrnn.jobs.train.Retraining;
import io.keyedrnn.jobs.train.TrainingOutcome;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Trains models with the retraining job ({@link Retraining}), in this process: the events go to a
 * JSON-lines file, the job reads, prepares, trains, calibrates and writes a versioned model file,
 * and the model is read back from that file as the scoring job would receive it.
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
     * One run of the job on the events with the given settings (keys as in {@code
     * config/train.properties}; this sets {@code events.files}, {@code out}, {@code init} and
     * {@code version}). A refused model (for example, one that did not beat {@code init} on
     * validation) is an outcome without a model.
     */
    public Outcome train(
            List<String> events, Map<String, String> settings, Path init, long version) {
        int run = ++runs;
        Path eventsFile = dir.resolve("events-" + run + ".jsonl");
        Path out = dir.resolve("model-" + run + ".safetensors");
        try {
            Files.write(eventsFile, events, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + eventsFile + ": " + e, e);
        }
        Map<String, String> m = new HashMap<>(settings);
        m.put("events.files", eventsFile.toString());
        m.put("out", out.toString());
        m.put("version", Long.toString(version));
        if (init != null) {
            m.put("init", init.toString());
        }
        TrainingOutcome o;
        try {
            o = Retraining.run(null, m, new PrintWriter(Writer.nullWriter()), false);
        } catch (Exception e) {
            throw new IllegalStateException("the retraining job failed: " + e.getMessage(), e);
        }
        if (!o.wroteModel()) {
            return new Outcome(null, null, o.message());
        }
        try {
            return new Outcome(ModelFile.read(out), out, o.message());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trained model " + out + ": " + e, e);
        }
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
     * @param message what the job said about the run
     */
    public record Outcome(Model model, Path file, String message) {}
}
