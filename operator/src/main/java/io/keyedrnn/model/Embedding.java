package io.keyedrnn.model;

/** Token embedding table (vocabulary × dimension, row-major), as PyTorch's nn.Embedding. */
public final class Embedding {
    private final int vocabularySize;
    private final int dimension;
    private final float[] weight;

    /** Creates the table from a copy of weight. */
    public Embedding(int vocabularySize, int dimension, float[] weight) {
        if (vocabularySize < 1 || dimension < 1 || weight.length != vocabularySize * dimension) {
            throw new IllegalArgumentException(
                    "embedding of "
                            + vocabularySize
                            + " × "
                            + dimension
                            + " needs that many values, got "
                            + weight.length);
        }
        this.vocabularySize = vocabularySize;
        this.dimension = dimension;
        this.weight = weight.clone();
    }

    /** Offset of a token's row in {@link #weight()}; throws if the token is out of range. */
    public int rowOffset(int token) {
        if (token < 0 || token >= vocabularySize) {
            throw new IllegalArgumentException(
                    "token " + token + " is outside the vocabulary [0, " + vocabularySize + ")");
        }
        return token * dimension;
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    public int dimension() {
        return dimension;
    }

    /** The table; the caller must not modify it. */
    public float[] weight() {
        return weight;
    }
}
