package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.EventLines;
import io.keyedrnn.jobs.eval.RetrainRunner;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Causal retraining of one file's model through the retraining job, as a scheduled {@code train
 * --init current} would run it: at rows growth·probation, growth²·probation, …, on the latest rows
 * already streamed, warm-started from the model in service. A run that does not beat that model
 * publishes nothing and the model stays.
 */
final class NabRetraining {
    private final NabSettings settings;
    private final RetrainRunner runner;
    private final String name;
    private final float[][] rows;
    private final long[] times;
    private Model current;
    private Path currentFile;
    private long nextRow;
    private int runs;
    private int published;

    NabRetraining(
            NabSettings settings,
            RetrainRunner runner,
            String name,
            float[][] rows,
            long[] times,
            Model first) {
        this.settings = settings;
        this.runner = runner;
        this.name = name;
        this.rows = rows;
        this.times = times;
        this.current = first;
        int probation = Probation.rows(rows.length);
        this.nextRow =
                settings.retrainGrowth() > 1
                        ? (long) Math.ceil(probation * settings.retrainGrowth())
                        : Long.MAX_VALUE;
    }

    /** The model to score row i with: retrained first when the schedule says so. */
    Model before(int i) {
        if (i < nextRow) {
            return current;
        }
        nextRow = (long) Math.ceil(nextRow * settings.retrainGrowth());
        runs++;
        RetrainRunner.Outcome o = runner.train(events(i), options(), file(), current.version() + 1);
        if (o.model() != null) {
            current = o.model();
            currentFile = o.file();
            published++;
        }
        return current;
    }

    int runs() {
        return runs;
    }

    int published() {
        return published;
    }

    /** Rows [end − window, end): only what has already been streamed. */
    private List<String> events(int end) {
        int start = Math.max(0, end - settings.retrainWindow());
        List<String> events = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            events.add(EventLines.numeric(name, times[i], rows[i]));
        }
        return events;
    }

    private Map<String, String> options() {
        Map<String, String> options = NabDetector.trainingOptions(settings);
        options.put("epochs", Integer.toString(settings.retrainEpochs()));
        options.put("lr", "0.001");
        return new HashMap<>(options);
    }

    /** The model in service as a file, as --init takes it. */
    private Path file() {
        if (currentFile == null) {
            try {
                currentFile = Files.createTempFile("keyed-rnn-nab", ".safetensors");
                currentFile.toFile().deleteOnExit();
                ModelFile.write(current, currentFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the model in service: " + e, e);
            }
        }
        return currentFile;
    }
}
