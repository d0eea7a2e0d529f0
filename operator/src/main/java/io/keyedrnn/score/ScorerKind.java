package io.keyedrnn.score;

import java.util.Locale;

/** The scorers keyed-rnn runs; the id is the name used in calibration and configuration. */
public enum ScorerKind {
    /** Pick from the model: {@link #TOKEN_RANK} for categorical input, else gaussian error. */
    AUTO,
    /** Numeric: z of the next-step mean squared error against the key's error distribution. */
    GAUSSIAN_ERROR,
    /** Categorical: rank of the actual token under the predicted softmax (DeepLog top-g). */
    TOKEN_RANK;

    /** Lower-case id, e.g. {@code gaussian_error}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()} (case-insensitive); throws naming the accepted values. */
    public static ScorerKind fromId(String id) {
        for (ScorerKind k : values()) {
            if (k.id().equalsIgnoreCase(id.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "unknown scorer '" + id + "' (expected auto, gaussian_error or token_rank)");
    }
}
