package io.keyedrnn.jobs.eval.cui2016;

import io.keyedrnn.jobs.eval.EventLines;
import io.keyedrnn.jobs.eval.RetrainRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One retraining run of the cui2016 suite through the retraining job: the recent window of history
 * as events, the job's normaliser, training with early stopping on the window's last records, and a
 * new model version (or none, if it does not beat the model in service).
 */
final class TaxiTraining {
    private final float[][] rows;
    private final TaxiSettings settings;
    private final RetrainRunner runner;

    TaxiTraining(float[][] rows, TaxiSettings settings, RetrainRunner runner) {
        this.rows = rows;
        this.settings = settings;
        this.runner = runner;
    }

    /** A run on records [end − window, end), warm-started from the model file init if any. */
    RetrainRunner.Outcome train(int end, Path init, long version) {
        int start = Math.max(0, end - settings.window());
        List<String> events = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            events.add(EventLines.numeric("nyc_taxi", EventLines.ts(i), rows[i]));
        }
        boolean first = init == null;
        double fraction = settings.validation() / (double) (end - start);
        Map<String, String> options = new HashMap<>();
        options.put("cell", "lstm");
        options.put("layers", "1");
        options.put("hidden", Integer.toString(settings.hidden()));
        options.put(
                "epochs",
                Integer.toString(first ? settings.firstEpochs() : settings.retrainEpochs()));
        options.put("patience", Integer.toString(settings.patience()));
        options.put("optimizer", "adam");
        options.put("lr", first ? "0.003" : "0.001");
        options.put("batch.keys", "1");
        options.put("tbptt", "48");
        options.put("clip", "1.0");
        options.put("seed", Long.toString(settings.seed()));
        options.put("threads", "1");
        options.put("parallelism", "1");
        options.put("validation.fraction", String.format(Locale.ROOT, "%.6f", fraction));
        return runner.train(events, options, init, version);
    }
}
