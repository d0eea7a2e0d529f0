package io.keyedrnn.score;

/**
 * The range of values a key has seen, per feature, and whether a value falls outside it by more
 * than a margin: NAB's numenta detector gives such a "spatial anomaly" the highest score at once
 * (margin 5% of the range), whatever the model predicted.
 */
public final class ValueRange {
    private ValueRange() {}

    /**
     * Whether some x[j] lies beyond [min[j] − m, max[j] + m] with m = margin · (max[j] − min[j]). A
     * feature whose range is still a single value (or empty: arrays of another length) never
     * breaches. Not modified: inputs.
     */
    public static boolean breached(float[] x, float[] min, float[] max, double margin) {
        if (min.length != x.length || max.length != x.length) {
            return false;
        }
        for (int j = 0; j < x.length; j++) {
            double width = (double) max[j] - min[j];
            if (width > 0 && (x[j] > max[j] + margin * width || x[j] < min[j] - margin * width)) {
                return true;
            }
        }
        return false;
    }

    /** Widens [min, max] to include x; all three have the same length. Modified: min, max. */
    public static void widen(float[] x, float[] min, float[] max) {
        for (int j = 0; j < x.length; j++) {
            min[j] = Math.min(min[j], x[j]);
            max[j] = Math.max(max[j], x[j]);
        }
    }
}
