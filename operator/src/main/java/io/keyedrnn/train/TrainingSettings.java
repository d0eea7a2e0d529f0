package io.keyedrnn.train;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.HeadKind;
import io.keyedrnn.settings.Parsers;
import io.keyedrnn.settings.Setting;
import io.keyedrnn.settings.Settings;
import java.util.List;

/**
 * What to train and how: the trainer's settings, declared once for the CLI and {@link TrainConfig}.
 */
public final class TrainingSettings {
    private TrainingSettings() {}

    public static final Setting<CellKind> CELL =
            Setting.of(
                    "cell",
                    CellKind.LSTM,
                    CellKind::fromId,
                    "lstm, gru, gru_cho, rnn_tanh or rnn_relu");
    public static final Setting<HeadKind> HEAD =
            Setting.of(
                    "head",
                    HeadKind.LINEAR,
                    HeadKind::fromId,
                    "linear (next-step values, squared error) or gaussian (each feature's mean and"
                            + " variance, Gaussian NLL; numeric input)");
    public static final Setting<Integer> LAYERS = Setting.integer("layers", 1, 1, "stacked layers");
    public static final Setting<Integer> HIDDEN =
            Setting.integer("hidden", 32, 1, "hidden units per layer");
    public static final Setting<Integer> EMBEDDING =
            Setting.integer("embedding", 16, 1, "embedding size of token input");
    public static final Setting<Integer> EPOCHS =
            Setting.integer("epochs", 30, 1, "passes over the training keys (at most)");
    public static final Setting<OptimizerKind> OPTIMIZER =
            Setting.of("optimizer", OptimizerKind.ADAM, OptimizerKind::fromId, "adam or sgd");
    public static final Setting<Double> LR =
            Setting.of("lr", 0.003, Parsers.positive(), "learning rate");
    public static final Setting<Double> MOMENTUM =
            Setting.decimal("momentum", 0.0, 0, 0.999999, "SGD momentum; 0 = none");
    public static final Setting<Integer> BATCH_KEYS =
            Setting.integer("batch.keys", 32, 1, "keys advanced in lockstep per mini-batch");
    public static final Setting<Integer> TBPTT =
            Setting.integer(
                    "tbptt", 64, 0, "steps per truncated-BPTT chunk; 0 = each key's whole history");
    public static final Setting<Double> CLIP =
            Setting.decimal("clip", 1.0, 0, 1e12, "largest gradient L2 norm; 0 = no clipping");
    public static final Setting<Long> SEED =
            Setting.whole("seed", 42L, Long.MIN_VALUE, "seed of initial weights and shuffling");
    public static final Setting<Boolean> SHUFFLE =
            Setting.flag("shuffle", true, "shuffle keys into batches anew each epoch");
    public static final Setting<Integer> THREADS =
            Setting.integer("threads", 1, 1, "worker threads splitting each batch");
    public static final Setting<Integer> PATIENCE =
            Setting.integer(
                    "patience",
                    5,
                    0,
                    "epochs without a better validation loss before stopping; 0 = never");

    public static final List<Setting<?>> ALL =
            List.of(
                    CELL,
                    HEAD,
                    LAYERS,
                    HIDDEN,
                    EMBEDDING,
                    EPOCHS,
                    OPTIMIZER,
                    LR,
                    MOMENTUM,
                    BATCH_KEYS,
                    TBPTT,
                    CLIP,
                    SEED,
                    SHUFFLE,
                    THREADS,
                    PATIENCE);

    /** A builder with the settings given (defaults for the rest). */
    public static TrainConfig.Builder builder(Settings s) {
        return TrainConfig.builder()
                .cell(s.get(CELL))
                .head(s.get(HEAD))
                .layers(s.get(LAYERS))
                .hidden(s.get(HIDDEN))
                .embedding(s.get(EMBEDDING))
                .epochs(s.get(EPOCHS))
                .optimizer(s.get(OPTIMIZER))
                .lr(s.get(LR))
                .momentum(s.get(MOMENTUM))
                .batchKeys(s.get(BATCH_KEYS))
                .tbptt(s.get(TBPTT))
                .clip(s.get(CLIP))
                .seed(s.get(SEED))
                .shuffle(s.get(SHUFFLE))
                .threads(s.get(THREADS))
                .patience(s.get(PATIENCE));
    }
}
