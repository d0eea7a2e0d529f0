package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.ModelBuild;
import io.keyedrnn.jobs.eval.Normalizers;
import io.keyedrnn.jobs.eval.data.NabSeries;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.ScoringConfig;
import io.keyedrnn.train.OptimizerKind;
import io.keyedrnn.train.Sequence;
import io.keyedrnn.train.TrainConfig;
import io.keyedrnn.train.TrainResult;
import io.keyedrnn.train.Trainer;
import io.keyedrnn.train.TrainingListener;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * keyed-rnn as a NAB detector for one file (one key): a next-step LSTM trained on the probationary
 * rows, every row streamed through the scoring path, and detections where the path's anomaly flag
 * rises. The threshold on z is the larger of the path's default and the largest z of the held-out
 * probationary rows, fixed when the probationary period ends; no label is looked at.
 */
final class NabDetector {
    private final NabSettings settings;

    NabDetector(NabSettings settings) {
        this.settings = settings;
    }

    /** The model for a file: trained on its probationary rows, held-out tail excluded. */
    Model train(NabSeries series) {
        int probation = Probation.rows(series.size());
        return train(series.name(), rows(series), split(probation), probation);
    }

    /** One flag per row: true where a new alert starts after the probationary period. */
    boolean[] detect(NabSeries series, Model model, NabRule rule) {
        int probation = Probation.rows(series.size());
        int split = split(probation);
        float[][] rows = rows(series);
        ScoringConfig config = rule.config(settings.minThreshold());
        ModelServable servable = new ModelServable(model, config);
        KeyState state = servable.newState();
        double threshold = settings.minThreshold();
        boolean[] flags = new boolean[series.size()];
        boolean wasAnomalous = false;
        for (int i = 0; i < rows.length; i++) {
            if (i == probation && rule == NabRule.Z_PROBATION_MAX) {
                // The probationary period is over: fix the threshold and reconfigure the path
                // (same model version, so the key keeps its state and error statistics).
                servable = new ModelServable(model, config.withThreshold(threshold));
            }
            Prediction p = servable.process(event(series, i, rows[i]), state);
            if (p == null) {
                throw new IllegalStateException(series.name() + ": row " + i + " was refused");
            }
            if (i >= split && i < probation && p.scored && !p.warmup) {
                threshold = Math.max(threshold, p.z);
            }
            flags[i] = i >= probation && p.anomaly && !wasAnomalous;
            wasAnomalous = p.anomaly;
        }
        return flags;
    }

    private int split(int probation) {
        return (int) Math.round(probation * (1 - settings.validationShare()));
    }

    private static float[][] rows(NabSeries series) {
        float[][] rows = new float[series.size()][1];
        for (int i = 0; i < rows.length; i++) {
            rows[i][0] = (float) series.values()[i];
        }
        return rows;
    }

    private Model train(String name, float[][] rows, int split, int probation) {
        Normalizer norm = Normalizers.fit(rows, 0, split);
        float[][] part = Normalizers.apply(norm, rows, 0, probation);
        TrainConfig config =
                TrainConfig.builder()
                        .cell(CellKind.LSTM)
                        .layers(1)
                        .hidden(settings.hidden())
                        .epochs(settings.epochs())
                        .patience(settings.patience())
                        .optimizer(OptimizerKind.ADAM)
                        .lr(3e-3)
                        .batchKeys(1)
                        .tbptt(64)
                        .clip(1.0)
                        .seed(settings.seed())
                        .build();
        TrainResult r =
                new Trainer(config)
                        .train(
                                List.of(Sequence.numeric(name, Arrays.copyOf(part, split))),
                                List.of(Sequence.numeric(name, part).withLossFrom(split)),
                                new TrainingListener() {});
        Map<String, Object> summary =
                Map.of("rows", List.of(0, probation), "best_epoch", r.bestEpoch());
        return ModelBuild.publish(r.network(), List.of("value"), null, norm, null, 1, summary);
    }

    private static Event event(NabSeries s, int i, float[] features) {
        long ms = s.timestamps()[i].toInstant(ZoneOffset.UTC).toEpochMilli();
        return Event.numeric(s.name(), ms, features);
    }
}
