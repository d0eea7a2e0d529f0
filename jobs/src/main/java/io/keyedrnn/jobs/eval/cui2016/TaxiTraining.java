package io.keyedrnn.jobs.eval.cui2016;

import io.keyedrnn.jobs.eval.ModelBuild;
import io.keyedrnn.jobs.eval.Normalizers;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.train.OptimizerKind;
import io.keyedrnn.train.Sequence;
import io.keyedrnn.train.TrainConfig;
import io.keyedrnn.train.TrainResult;
import io.keyedrnn.train.Trainer;
import io.keyedrnn.train.TrainingListener;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One retraining run of the cui2016 suite: the recent window of history, a normaliser fitted on its
 * training part, next-step training with early stopping on its last records, and a new model
 * version.
 */
final class TaxiTraining {
    private final float[][] rows;
    private final TaxiSettings settings;

    TaxiTraining(float[][] rows, TaxiSettings settings) {
        this.rows = rows;
        this.settings = settings;
    }

    /** A model trained on records [end − window, end), warm-started from warm when not null. */
    Model train(int end, RecurrentNetwork warm, long version) {
        int start = Math.max(0, end - settings.window());
        int split = end - settings.validation();
        Normalizer norm = Normalizers.fit(rows, start, split);
        float[][] window = Normalizers.apply(norm, rows, start, end);
        Sequence all = Sequence.numeric("nyc_taxi", window);
        Sequence training = Sequence.numeric("nyc_taxi", Arrays.copyOf(window, split - start));
        TrainResult r =
                new Trainer(config(warm))
                        .train(
                                List.of(training),
                                List.of(all.withLossFrom(split - start)),
                                new TrainingListener() {});
        Map<String, Object> summary =
                Map.of(
                        "records", List.of(start, end),
                        "best_epoch", r.bestEpoch(),
                        "validation_loss", r.bestValidationLoss());
        return ModelBuild.publish(
                r.network(), TaxiFeatures.NAMES, null, norm, null, version, summary);
    }

    private TrainConfig config(RecurrentNetwork warm) {
        return TrainConfig.builder()
                .cell(CellKind.LSTM)
                .layers(1)
                .hidden(settings.hidden())
                .epochs(warm == null ? settings.firstEpochs() : settings.retrainEpochs())
                .patience(settings.patience())
                .optimizer(OptimizerKind.ADAM)
                .lr(warm == null ? 3e-3 : 1e-3)
                .batchKeys(1)
                .tbptt(48)
                .clip(1.0)
                .seed(settings.seed())
                .init(warm)
                .build();
    }
}
