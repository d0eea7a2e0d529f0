package io.keyedrnn.flink;

import java.util.Locale;

/**
 * Dead-letter reasons the job adds to the parser's {@link io.keyedrnn.serve.RejectReason}s: events
 * without a model, and model records that were refused (the previous model stays in use).
 */
public enum JobReason {
    /** An event arrived before any model existed (no start-up model, none published yet). */
    NO_MODEL,
    /** A model record that is not a well-formed model file (or pointer to one). */
    MODEL_INVALID,
    /** A model pointer whose file could not be fetched or whose sha256 did not match. */
    MODEL_UNAVAILABLE,
    /** A model whose version is not newer than the one in use. */
    MODEL_NOT_NEWER,
    /** A model whose input (kind or feature count) does not fit the stream. */
    MODEL_INPUT_MISMATCH;

    /** Lower-case id as written in dead letters and metric names. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
