package io.keyedrnn.serve;

import java.util.Locale;

/** What happens to a key's recurrent state when a new model version arrives. */
public enum SwapPolicy {
    /**
     * Zero the state and run the key's ring buffer of recent inputs through the new model, so the
     * state and prediction are what the new model would have reached on those inputs.
     */
    REPLAY,
    /** Zero the state and forget the prediction: the key warms up again. */
    RESET,
    /**
     * Keep the old state and prediction as they are (only possible when the shapes agree; otherwise
     * this falls back to REPLAY).
     */
    KEEP;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()} (case-insensitive); throws naming the accepted values. */
    public static SwapPolicy fromId(String id) {
        for (SwapPolicy p : values()) {
            if (p.id().equalsIgnoreCase(id.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "unknown swap policy '" + id + "' (expected replay, reset or keep)");
    }
}
