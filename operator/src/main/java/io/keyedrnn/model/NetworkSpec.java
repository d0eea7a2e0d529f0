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
 */
public record NetworkSpec(
        CellKind cell,
        int inputSize,
        int hiddenSize,
        int layers,
        int headSize,
        int vocabularySize) {

    public NetworkSpec {
        if (inputSize < 1 || hiddenSize < 1 || layers < 1 || headSize < 0 || vocabularySize < 0) {
            throw new IllegalArgumentException("invalid network spec " + this);
        }
        if (vocabularySize > 0 && headSize != vocabularySize) {
            throw new IllegalArgumentException(
                    "a categorical network's head must have one output per token: " + this);
        }
    }

    /** A numeric next-step predictor: head output = input size. */
    public static NetworkSpec numeric(CellKind cell, int features, int hidden, int layers) {
        return new NetworkSpec(cell, features, hidden, layers, features, 0);
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
