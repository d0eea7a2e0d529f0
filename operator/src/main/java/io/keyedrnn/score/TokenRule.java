package io.keyedrnn.score;

import java.util.Locale;

/**
 * Which test marks a token as anomalous: its rank outside the top g (DeepLog), its surprisal −ln p
 * above a threshold, or either of the two.
 */
public enum TokenRule {
    /** The threshold when one is set (configuration or calibration), else top g. */
    AUTO,
    /** Rank outside the top g only, whatever the threshold. */
    TOP_G,
    /** Surprisal above the threshold only; needs a threshold. */
    THRESHOLD,
    /**
     * Outside the top g or above the threshold; needs a threshold. Top g misses a token that is
     * improbable yet ranks high among many near-zero probabilities (a session that ends too early);
     * a threshold set by the most surprising normal misses what top g catches.
     */
    EITHER;

    /** Lower-case id, e.g. {@code top_g}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()} (case-insensitive); throws naming the accepted values. */
    public static TokenRule fromId(String id) {
        for (TokenRule r : values()) {
            if (r.id().equalsIgnoreCase(id.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "unknown token rule '" + id + "' (expected auto, top_g, threshold or either)");
    }

    /** Whether the rule needs a surprisal threshold when none is set. */
    public boolean needsThreshold() {
        return this == THRESHOLD || this == EITHER;
    }

    /**
     * Whether a token of this rank and surprisal is anomalous under top g and threshold (null:
     * none, then AUTO is top g; the others need one, see {@link #needsThreshold}).
     */
    public boolean outlier(int rank, int g, double surprisal, Double threshold) {
        boolean outsideTopG = TokenRank.outsideTopG(rank, g);
        boolean above = threshold != null && surprisal > threshold;
        return switch (this) {
            case AUTO -> threshold != null ? above : outsideTopG;
            case TOP_G -> outsideTopG;
            case THRESHOLD -> above;
            case EITHER -> outsideTopG || above;
        };
    }
}
