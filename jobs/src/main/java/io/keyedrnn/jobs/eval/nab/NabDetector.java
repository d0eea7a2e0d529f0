package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.EventLines;
import io.keyedrnn.jobs.eval.RetrainRunner;
import io.keyedrnn.jobs.eval.data.NabSeries;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.ScoringConfig;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * keyed-rnn as a NAB detector for one file (one key): a next-step LSTM trained by the retraining
 * job on the probationary rows and retrained causally through the file, every row streamed through
 * the scoring path with the detector's scoring settings ({@link NabSettings#scoring()}). This class
 * only wires settings; the detection logic is the scoring path's. No label is looked at.
 */
final class NabDetector {
    private final NabSettings settings;
    private final RetrainRunner runner;
    private final ScoringConfig config;

    NabDetector(NabSettings settings, RetrainRunner runner) {
        this.settings = settings;
        this.runner = runner;
        this.config = ScoringConfig.fromMap(settings.scoring());
    }

    /** The model for a file: trained on its probationary rows, held-out tail excluded. */
    Model train(NabSeries series) {
        int probation = Probation.rows(series.size());
        return train(series.name(), rows(series), times(series), probation);
    }

    /**
     * NAB's anomaly_score per row: the scoring path's score (log-scaled likelihood, 1 on a range
     * breach, 0 in an alert's quiet period), 0 while unscored or warming up. The alert threshold is
     * the one the path flags above, so the deployable detections are the path's anomaly flags.
     */
    NabScores scores(NabSeries series, Model model) {
        float[][] rows = rows(series);
        NabRetraining retraining =
                new NabRetraining(settings, runner, series.name(), rows, times(series), model);
        KeyState state = null;
        ModelServable servable = null;
        double[] scores = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            Model m = retraining.before(i);
            if (servable == null || servable.model() != m) {
                servable = new ModelServable(m, config);
                state = state == null ? servable.newState() : state;
            }
            Prediction p = servable.process(event(series, i, rows[i]), state);
            if (p == null) {
                throw new IllegalStateException(series.name() + ": row " + i + " was refused");
            }
            scores[i] = p.scored && !p.warmup ? Math.min(1.0, Math.max(0.0, p.score)) : 0.0;
        }
        // The path flags score > threshold; NAB detects score >= threshold.
        return new NabScores(scores, Math.nextUp(config.likelihoodThreshold()));
    }

    /** The first held-out row, as the retraining job splits a key of n events. */
    private int split(int probation) {
        int held = (int) Math.floor(probation * settings.validationShare());
        return Math.max(2, probation - held);
    }

    /**
     * The event times training sees: the rows' own with calendar inputs (they derive from them),
     * else the file order as time, which keeps the rows' order where a file's clock steps back.
     */
    long[] times(NabSeries series) {
        long[] ts = new long[series.size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = settings.usesCalendar() ? epochMs(series, i) : EventLines.ts(i);
        }
        return ts;
    }

    private static long epochMs(NabSeries s, int i) {
        return s.timestamps()[i].toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static float[][] rows(NabSeries series) {
        float[][] rows = new float[series.size()][1];
        for (int i = 0; i < rows.length; i++) {
            rows[i][0] = (float) series.values()[i];
        }
        return rows;
    }

    /** The retraining job's settings for a first training (config/train.properties keys). */
    static Map<String, String> trainingOptions(NabSettings settings) {
        Map<String, String> options = new HashMap<>();
        options.put("cell", "lstm");
        options.put("head", settings.head());
        options.put("layers", "1");
        options.put("hidden", Integer.toString(settings.hidden()));
        options.put("epochs", Integer.toString(settings.epochs()));
        options.put("patience", Integer.toString(settings.patience()));
        options.put("optimizer", "adam");
        options.put("lr", "0.003");
        options.put("batch.keys", "1");
        options.put("tbptt", "64");
        options.put("clip", "1.0");
        options.put("seed", Long.toString(settings.seed()));
        options.put("threads", "1");
        options.put("parallelism", "1");
        options.put("validation.fraction", Double.toString(settings.validationShare()));
        options.put("calendar.inputs", settings.calendar());
        return options;
    }

    private Model train(String name, float[][] rows, long[] times, int probation) {
        List<String> events = new ArrayList<>(probation);
        for (int i = 0; i < probation; i++) {
            events.add(EventLines.numeric(name, times[i], rows[i]));
        }
        RetrainRunner.Outcome o = runner.train(events, trainingOptions(settings), null, 1);
        if (o.model() == null) {
            throw new IllegalStateException(name + ": the retraining job failed: " + o.message());
        }
        return o.model();
    }

    private static Event event(NabSeries s, int i, float[] features) {
        return Event.numeric(s.name(), epochMs(s, i), features);
    }
}
