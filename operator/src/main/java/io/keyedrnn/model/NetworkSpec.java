package io.keyedrnn.model;

/**
 * The architecture of a network, without weights.
 *
 * @param cell the cell kind of every layer
 * @param inputSize numeric features per event (for token input: the embedding dimension)
 * @param hiddenSize hidden units per layer
 * @param layers number of stacked layers
 * @param headSize outputs of the linear head, or 0 for no head
 * @param vocabularySize tokens for categorical input (embedding + softmax head), or 0
 * @param headKind what a numeric head predicts; {@link HeadKind#GAUSSIAN} needs headSize = 2 ×
 *     inputSize
 */
public record NetworkSpec(
        CellKind cell,
        int inputSize,
        int hiddenSize,
        int layers,
        int headSize,
        int vocabularySize,
        HeadKind headKind) {

    /** A spec with a linear (or softmax, or no) head. */
    public NetworkSpec(
            CellKind cell,
            int inputSize,
            int hiddenSize,
            int layers,
            int headSize,
            int vocabularySize) {
        this(cell, inputSize, hiddenSize, layers, headSize, vocabularySize, HeadKind.LINEAR);
    }

    public NetworkSpec {
        if (inputSize < 1
                || hiddenSize < 1
                || layers < 1
                || headSize < 0
                || vocabularySize < 0
                || headKind == null) {
            throw new IllegalArgumentException("invalid network spec " + this);
        }
        if (vocabularySize > 0 && headSize != vocabularySize) {
            throw new IllegalArgumentException(
                    "a categorical network's head must have one output per token: " + this);
        }
        if (headKind == HeadKind.GAUSSIAN
                && (vocabularySize > 0 || headSize != HeadKind.GAUSSIAN.outputs(inputSize))) {
            throw new IllegalArgumentException(
                    "a Gaussian head is numeric with a mean and a log-variance per feature: "
                            + this);
        }
    }

    /** A numeric next-step predictor: head output = input size. */
    public static NetworkSpec numeric(CellKind cell, int features, int hidden, int layers) {
        return new NetworkSpec(cell, features, hidden, layers, features, 0);
    }

    /** A numeric next-step predictor of each feature's mean and log-variance. */
    public static NetworkSpec gaussian(CellKind cell, int features, int hidden, int layers) {
        return new NetworkSpec(cell, features, hidden, layers, 2 * features, 0, HeadKind.GAUSSIAN);
    }

    /** A categorical next-token predictor with embedding dimension {@code embedding}. */
    public static NetworkSpec categorical(
            CellKind cell, int vocabulary, int embedding, int hidden, int layers) {
        return new NetworkSpec(cell, embedding, hidden, layers, vocabulary, vocabulary);
    }

    public boolean categorical() {
        return vocabularySize > 0;
    }
}
