package io.keyedrnn.model.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/** Per-feature z-score normaliser x' = (x − mean) / std, fitted on training data. */
public record Normalizer(@JsonProperty("mean") float[] mean, @JsonProperty("std") float[] std) {

    public Normalizer {
        if (mean == null || std == null || mean.length != std.length) {
            throw new IllegalArgumentException("normalizer needs mean and std of equal length");
        }
        for (int i = 0; i < std.length; i++) {
            checkFeature(i, mean[i], std[i]);
        }
    }

    /**
     * A std below the smallest normal float32 (subnormal, 0, negative) or a scale 1/std or offset
     * mean/std beyond float32 turns finite inputs into infinity or NaN, so it is refused.
     */
    private static void checkFeature(int i, float mean, float std) {
        String at = "normalizer feature " + i + " has mean " + mean + ", std " + std;
        if (!Float.isFinite(mean) || !Float.isFinite(std)) {
            throw new IllegalArgumentException(at + "; both must be finite");
        }
        if (!(std >= Float.MIN_NORMAL)) {
            throw new IllegalArgumentException(
                    at + "; std must be a normal float32, at least " + Float.MIN_NORMAL);
        }
        if (!Float.isFinite(1f / std) || !Float.isFinite(mean / std)) {
            throw new IllegalArgumentException(at + "; mean / std overflows float32");
        }
    }

    /** Writes (x − mean)/std into out. Modified: out. Not modified: x. */
    public void normalize(float[] x, float[] out) {
        for (int i = 0; i < mean.length; i++) {
            out[i] = (x[i] - mean[i]) / std[i];
        }
    }

    /** Writes z·std + mean into out. Modified: out. Not modified: z. */
    public void denormalize(float[] z, float[] out) {
        for (int i = 0; i < mean.length; i++) {
            out[i] = z[i] * std[i] + mean[i];
        }
    }

    /**
     * Writes z[offset + i]·std[i] into out[i]: a spread (a standard deviation) in normalised units
     * back in feature units. Modified: out. Not modified: z.
     */
    public void rescale(float[] z, int offset, float[] out) {
        for (int i = 0; i < std.length; i++) {
            out[i] = z[offset + i] * std[i];
        }
    }

    public int size() {
        return mean.length;
    }

    /** Equal when the values are equal (a record compares arrays by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Normalizer n
                && Arrays.equals(mean, n.mean)
                && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalizer[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
