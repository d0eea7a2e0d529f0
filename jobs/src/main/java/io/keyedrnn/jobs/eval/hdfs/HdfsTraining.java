package io.keyedrnn.jobs.eval.hdfs;

import io.keyedrnn.jobs.eval.ModelBuild;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.io.Calibration;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.train.OptimizerKind;
import io.keyedrnn.train.Sequence;
import io.keyedrnn.train.TrainConfig;
import io.keyedrnn.train.TrainResult;
import io.keyedrnn.train.Trainer;
import io.keyedrnn.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains the categorical next-log-key LSTM on normal sessions, one key per session.
 *
 * <p>Uses the retraining job's trainer ({@link Trainer}) directly rather than the job itself: the
 * job holds out the last part of every key for validation, which for one key per session would
 * never train on session ends (nor on the end-of-session token); here whole sessions are held out.
 */
final class HdfsTraining {
    private HdfsTraining() {}

    /**
     * The trained model, with the alphabet's tokens as its vocabulary; epochs shown on {@code
     * epochs}.
     */
    static Trained train(
            SessionSplit split, SessionTokens alphabet, HdfsSettings s, TrainingListener epochs) {
        TrainConfig config = config(s, alphabet).epochs(s.epochs()).patience(s.patience()).build();
        TrainResult r =
                new Trainer(config)
                        .train(
                                sequences(split.train(), alphabet, "train-"),
                                sequences(split.validation(), alphabet, "val-"),
                                epochs);
        return trained(r, split.train().size(), alphabet);
    }

    /**
     * The trained model trained on from its weights for {@link HdfsSettings#refitEpochs} epochs on
     * the training and validation sessions together, with nothing held out to stop on: the last
     * epoch's weights. What validation chose (epochs, g, thresholds) was chosen before; the refit
     * only lets the model see the validation sessions' paths too.
     */
    static Trained refit(
            Trained first,
            SessionSplit split,
            SessionTokens alphabet,
            HdfsSettings s,
            TrainingListener epochs) {
        TrainConfig config =
                config(s, alphabet)
                        .init(first.model().network())
                        .epochs(s.refitEpochs())
                        .patience(0)
                        .build();
        List<Sequence> all = sequences(split.train(), alphabet, "train-");
        all.addAll(sequences(split.validation(), alphabet, "val-"));
        TrainResult r = new Trainer(config).train(all, List.of(), epochs);
        return trained(r, all.size(), alphabet);
    }

    private static TrainConfig.Builder config(HdfsSettings s, SessionTokens alphabet) {
        return TrainConfig.builder()
                .cell(CellKind.LSTM)
                .layers(s.layers())
                .hidden(s.hidden())
                .embedding(s.embedding())
                .vocabulary(alphabet.size())
                .optimizer(OptimizerKind.ADAM)
                .lr(s.lr())
                .batchKeys(64)
                .tbptt(0)
                .clip(1.0)
                .seed(s.seed())
                .threads(2);
    }

    private static Trained trained(TrainResult r, int sessions, SessionTokens alphabet) {
        Map<String, Object> summary =
                Map.of(
                        "sessions", sessions,
                        "best_epoch", r.bestEpoch(),
                        "validation_loss", r.bestValidationLoss());
        Calibration cal =
                new Calibration("token_rank", null, null, null, null, HdfsSettings.DEFAULT_G);
        Model model =
                ModelBuild.publish(r.network(), null, alphabet.vocabulary(), null, cal, 1, summary);
        return new Trained(model, sessions, r.bestEpoch(), r.epochs().size());
    }

    private static List<Sequence> sequences(
            List<int[]> sessions, SessionTokens alphabet, String prefix) {
        List<Sequence> out = new ArrayList<>(sessions.size());
        for (int i = 0; i < sessions.size(); i++) {
            out.add(Sequence.tokens(prefix + i, alphabet.ids(sessions.get(i))));
        }
        return out;
    }

    /** The model and how its training went. */
    record Trained(Model model, int sessions, int bestEpoch, int epochsRun) {}
}
