package io.keyedrnn.model;

/** Numerically stable softmax over a float vector. */
public final class Softmax {
    private Softmax() {}

    /** Replaces v[0, n) by its softmax. Modified: v. */
    public static void inPlace(float[] v, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, v[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(v[i] - max);
            v[i] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int i = 0; i < n; i++) {
            v[i] *= inv;
        }
    }
}
