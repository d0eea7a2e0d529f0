package io.keyedrnn.train;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.HeadKind;
import io.keyedrnn.model.RecurrentNetwork;

/**
 * What to train and how. Build with {@link #builder()}; every field has a default.
 *
 * @param cell cell kind of every layer (ignored with {@code init})
 * @param layers stacked layers (ignored with {@code init})
 * @param hidden hidden units per layer (ignored with {@code init})
 * @param embedding embedding dimension for token input (ignored with {@code init})
 * @param vocabulary number of token ids for token input, 0 for numeric input
 * @param epochs passes over the training keys
 * @param optimizer SGD or Adam
 * @param lr learning rate
 * @param momentum SGD momentum (0 for none)
 * @param batchKeys keys advanced in lockstep per mini-batch
 * @param tbptt steps per truncated-BPTT chunk; 0 runs each key's whole history as one chunk
 * @param clip maximum gradient L2 norm, 0 for no clipping
 * @param seed seed of the initial weights and the shuffling
 * @param shuffle whether keys are shuffled into batches anew each epoch
 * @param patience epochs without a better validation loss before stopping, 0 to never stop early
 * @param init network to start from (warm start), or null for a fresh one from the seed
 * @param threads worker threads splitting each batch; results depend on it only by rounding
 * @param head what a numeric network's head predicts (ignored with {@code init} and for tokens)
 */
public record TrainConfig(
        CellKind cell,
        int layers,
        int hidden,
        int embedding,
        int vocabulary,
        int epochs,
        OptimizerKind optimizer,
        double lr,
        double momentum,
        int batchKeys,
        int tbptt,
        double clip,
        long seed,
        boolean shuffle,
        int patience,
        RecurrentNetwork init,
        int threads,
        HeadKind head) {

    public TrainConfig {
        require(cell != null, "cell must be set");
        require(optimizer != null, "optimizer must be set");
        require(layers >= 1, "layers must be ≥ 1, got " + layers);
        require(hidden >= 1, "hidden must be ≥ 1, got " + hidden);
        require(embedding >= 1, "embedding must be ≥ 1, got " + embedding);
        require(vocabulary >= 0, "vocabulary must be ≥ 0, got " + vocabulary);
        require(epochs >= 1, "epochs must be ≥ 1, got " + epochs);
        require(lr > 0 && Double.isFinite(lr), "lr must be a positive number, got " + lr);
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        require(batchKeys >= 1, "batch-keys must be ≥ 1, got " + batchKeys);
        require(tbptt >= 0, "tbptt must be ≥ 0 (0 = whole sequence), got " + tbptt);
        require(clip >= 0 && !Double.isNaN(clip), "clip must be ≥ 0 (0 = off), got " + clip);
        require(patience >= 0, "patience must be ≥ 0 (0 = off), got " + patience);
        require(threads >= 1, "threads must be ≥ 1, got " + threads);
        require(head != null, "head must be set");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.cell = cell;
        b.layers = layers;
        b.hidden = hidden;
        b.embedding = embedding;
        b.vocabulary = vocabulary;
        b.epochs = epochs;
        b.optimizer = optimizer;
        b.lr = lr;
        b.momentum = momentum;
        b.batchKeys = batchKeys;
        b.tbptt = tbptt;
        b.clip = clip;
        b.seed = seed;
        b.shuffle = shuffle;
        b.patience = patience;
        b.init = init;
        b.threads = threads;
        b.head = head;
        return b;
    }

    /**
     * Builds a {@link TrainConfig}; the defaults are those declared in {@link TrainingSettings}.
     */
    public static final class Builder {
        private CellKind cell = TrainingSettings.CELL.defaultValue();
        private int layers = TrainingSettings.LAYERS.defaultValue();
        private int hidden = TrainingSettings.HIDDEN.defaultValue();
        private int embedding = TrainingSettings.EMBEDDING.defaultValue();
        private int vocabulary;
        private int epochs = TrainingSettings.EPOCHS.defaultValue();
        private OptimizerKind optimizer = TrainingSettings.OPTIMIZER.defaultValue();
        private double lr = TrainingSettings.LR.defaultValue();
        private double momentum = TrainingSettings.MOMENTUM.defaultValue();
        private int batchKeys = TrainingSettings.BATCH_KEYS.defaultValue();
        private int tbptt = TrainingSettings.TBPTT.defaultValue();
        private double clip = TrainingSettings.CLIP.defaultValue();
        private long seed = TrainingSettings.SEED.defaultValue();
        private boolean shuffle = TrainingSettings.SHUFFLE.defaultValue();
        private int patience = TrainingSettings.PATIENCE.defaultValue();
        private RecurrentNetwork init;
        private int threads = TrainingSettings.THREADS.defaultValue();
        private HeadKind head = TrainingSettings.HEAD.defaultValue();

        private Builder() {}

        public Builder cell(CellKind v) {
            cell = v;
            return this;
        }

        public Builder layers(int v) {
            layers = v;
            return this;
        }

        public Builder hidden(int v) {
            hidden = v;
            return this;
        }

        public Builder embedding(int v) {
            embedding = v;
            return this;
        }

        public Builder vocabulary(int v) {
            vocabulary = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder optimizer(OptimizerKind v) {
            optimizer = v;
            return this;
        }

        public Builder lr(double v) {
            lr = v;
            return this;
        }

        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        public Builder batchKeys(int v) {
            batchKeys = v;
            return this;
        }

        public Builder tbptt(int v) {
            tbptt = v;
            return this;
        }

        public Builder clip(double v) {
            clip = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder shuffle(boolean v) {
            shuffle = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder init(RecurrentNetwork v) {
            init = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder head(HeadKind v) {
            head = v;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(
                    cell,
                    layers,
                    hidden,
                    embedding,
                    vocabulary,
                    epochs,
                    optimizer,
                    lr,
                    momentum,
                    batchKeys,
                    tbptt,
                    clip,
                    seed,
                    shuffle,
                    patience,
                    init,
                    threads,
                    head);
        }
    }
}
