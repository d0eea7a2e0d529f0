package io.keyedrnn.train;

import java.util.Locale;

/** The optimizers the trainer offers. */
public enum OptimizerKind {
    SGD,
    ADAM;

    /** Parses {@code sgd} or {@code adam} (any case). */
    public static OptimizerKind fromId(String id) {
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown optimizer '" + id + "' (expected sgd or adam)", e);
        }
    }
}
