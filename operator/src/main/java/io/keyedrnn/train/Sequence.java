package io.keyedrnn.train;

import java.util.Objects;

/**
 * One key's events in event order: numeric rows or token ids (exactly one of them is non-null).
 *
 * <p>Step t predicts event t+1. Only predictions of events at index ≥ {@code lossFrom} count in the
 * loss; the events before still advance the state. A validation sequence is a key's whole history
 * with {@code lossFrom} at the split, so its loss is measured from the state training ended in, as
 * serving would see it.
 *
 * @param key the key, for error messages
 * @param rows numeric features per event (all of one width), or null
 * @param tokens token ids per event, or null
 * @param lossFrom index of the first event whose prediction counts (≥ 1 in effect)
 */
public record Sequence(String key, float[][] rows, int[] tokens, int lossFrom) {

    public Sequence {
        Objects.requireNonNull(key, "key");
        if ((rows == null) == (tokens == null)) {
            throw new IllegalArgumentException(
                    "sequence '" + key + "' needs either numeric rows or tokens");
        }
        if (lossFrom < 0) {
            throw new IllegalArgumentException(
                    "sequence '" + key + "' has negative lossFrom " + lossFrom);
        }
    }

    /** A numeric sequence whose every prediction counts. */
    public static Sequence numeric(String key, float[][] rows) {
        return new Sequence(key, rows, null, 0);
    }

    /** A token sequence whose every prediction counts. */
    public static Sequence tokens(String key, int[] tokens) {
        return new Sequence(key, null, tokens, 0);
    }

    /** The same events with losses counted only from event {@code index} on. */
    public Sequence withLossFrom(int index) {
        return new Sequence(key, rows, tokens, index);
    }

    public int length() {
        return rows != null ? rows.length : tokens.length;
    }

    public boolean isNumeric() {
        return rows != null;
    }

    /** Number of predictions that count in the loss. */
    public int predictionCount() {
        return Math.max(0, length() - Math.max(1, lossFrom));
    }
}
