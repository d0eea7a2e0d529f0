package io.keyedrnn.model;

/**
 * Computes the polynomial coefficients of truncated continued fractions used by {@link
 * Activations}.
 */
final class PadeCoefficients {
    private PadeCoefficients() {}

    /**
     * Fills num and den so that tanh(x) ≈ x·Σ num[k]x^2k / Σ den[k]x^2k, the convergent of
     * Lambert's fraction after {@code depth} (even) terms, normalised so den[0] = 1.
     *
     * <p>Convergents follow A_k = b_k A_{k-1} + a_k A_{k-2} with a_1 = x, a_k = x² (k ≥ 2) and b_k
     * = 2k − 1. Coefficients are integers below 2^53 for depth ≤ 14, so doubles hold them exactly
     * until the final division. Modified: num, den.
     */
    static void tanh(int depth, float[] num, float[] den) {
        double[] aPrev = {1}; // A_{-1}
        double[] a = {0}; // A_0
        double[] bPrev = {0}; // B_{-1}
        double[] b = {1}; // B_0
        for (int k = 1; k <= depth; k++) {
            int shift = k == 1 ? 1 : 2;
            double[] aNext = addScaled(a, 2 * k - 1, aPrev, shift);
            double[] bNext = addScaled(b, 2 * k - 1, bPrev, shift);
            aPrev = a;
            a = aNext;
            bPrev = b;
            b = bNext;
        }
        double scale = b[0];
        for (int i = 0; i < num.length; i++) {
            num[i] = (float) (coefficient(a, 2 * i + 1) / scale);
        }
        for (int i = 0; i < den.length; i++) {
            den[i] = (float) (coefficient(b, 2 * i) / scale);
        }
    }

    /** Returns factor·p + x^shift·q as coefficient arrays indexed by power of x. */
    private static double[] addScaled(double[] p, double factor, double[] q, int shift) {
        double[] r = new double[Math.max(p.length, q.length + shift)];
        for (int i = 0; i < p.length; i++) {
            r[i] += factor * p[i];
        }
        for (int i = 0; i < q.length; i++) {
            r[i + shift] += q[i];
        }
        return r;
    }

    private static double coefficient(double[] p, int power) {
        return power < p.length ? p[power] : 0;
    }
}
