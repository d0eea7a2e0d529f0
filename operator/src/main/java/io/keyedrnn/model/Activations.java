package io.keyedrnn.model;

/**
 * Float32 tanh and sigmoid that C2 auto-vectorises, accurate to a few ulp.
 *
 * <p>{@code Math.tanh} is no intrinsic on JDK 17 and costs tens of nanoseconds, more than the whole
 * matrix work of a small cell. Here tanh is Lambert's continued fraction {@code x / (1 + x²/(3 +
 * x²/(5 + …)))} cut after {@value #DEPTH} terms and evaluated as one ratio of polynomials in x², on
 * x clamped to ±{@value #CLAMP} (beyond which tanh rounds to ±1 in float). The coefficients are
 * computed from that recurrence when the class loads, not typed in. Measured over [0, 9] in steps
 * of 1e-4: at most 5.3 ulp from the exact value. Sigmoid is {@code 0.5 + 0.5·tanh(x/2)}, exact in
 * the same sense, with absolute error below 2e-7 (3 ulp of values near 1). The array passes run on
 * the Vector API when {@link Kernels} chose it, with the same operations in the same order.
 */
public final class Activations {
    static final int DEPTH = 14;
    static final float CLAMP = 9f;

    // The coefficients, also read by the Vector API passes (VectorApiKernels).
    static final float[] NUM = new float[DEPTH / 2];
    static final float[] DEN = new float[DEPTH / 2 + 1];

    static {
        PadeCoefficients.tanh(DEPTH, NUM, DEN);
    }

    // Scalars, so the JIT folds them as constants in the vector loops.
    private static final float N0 = NUM[0], N1 = NUM[1], N2 = NUM[2], N3 = NUM[3];
    private static final float N4 = NUM[4], N5 = NUM[5], N6 = NUM[6];
    private static final float D0 = DEN[0], D1 = DEN[1], D2 = DEN[2], D3 = DEN[3];
    private static final float D4 = DEN[4], D5 = DEN[5], D6 = DEN[6], D7 = DEN[7];

    private Activations() {}

    /** Hyperbolic tangent. */
    public static float tanh(float x) {
        return ratio(clamp(x));
    }

    private static float clamp(float x) {
        return Math.max(-CLAMP, Math.min(CLAMP, x));
    }

    /** The continued fraction's ratio of polynomials at c, already clamped. */
    private static float ratio(float c) {
        float s = c * c;
        float p = ((((((N6 * s + N5) * s + N4) * s + N3) * s + N2) * s + N1) * s + N0);
        float q = (((((((D7 * s + D6) * s + D5) * s + D4) * s + D3) * s + D2) * s + D1) * s + D0);
        return c * p / q;
    }

    /** Logistic sigmoid 1 / (1 + e^-x). */
    public static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }

    /**
     * Applies tanh to {@code v[off, off+n)}, bit for bit as {@link #tanh(float)}. Modified: v.
     *
     * <p>The clamp gets its own pass: in one loop with the ratio, C2 on JDK 17 vectorised the whole
     * body only 4 floats wide (the NaN-exact Math.min/max sequences), several times slower than the
     * two passes (measured).
     */
    public static void tanh(float[] v, int off, int n) {
        if (Kernels.VECTOR != null) {
            Kernels.VECTOR.tanh(v, off, n);
            return;
        }
        clampAll(v, off, n);
        ratioAll(v, off, n);
    }

    /**
     * Applies the sigmoid to {@code v[off, off+n)}, bit for bit as {@link #sigmoid(float)}, in
     * passes as {@link #tanh(float[], int, int)}. Modified: v.
     */
    public static void sigmoid(float[] v, int off, int n) {
        if (Kernels.VECTOR != null) {
            Kernels.VECTOR.sigmoid(v, off, n);
            return;
        }
        halve(v, off, n);
        tanh(v, off, n);
        finishSigmoid(v, off, n);
    }

    /**
     * The LSTM's gate activations on g[0, 4h): σ on i, f and o, tanh on g, bit for bit as {@link
     * #sigmoid(float)} and {@link #tanh(float)} per element. Modified: g.
     *
     * <p>One clamp pass and one ratio pass run over all 4h values: C2 on JDK 17 picks the vector
     * width of a loop from its trip count (4 floats at 64 iterations, 16 at 256, measured), so one
     * long pass beats three short ones.
     */
    public static void lstmGates(float[] g, int h) {
        if (Kernels.VECTOR != null) {
            Kernels.VECTOR.sigmoid(g, 0, 2 * h);
            Kernels.VECTOR.tanh(g, 2 * h, h);
            Kernels.VECTOR.sigmoid(g, 3 * h, h);
            return;
        }
        halve(g, 0, 2 * h);
        halve(g, 3 * h, h);
        tanh(g, 0, 4 * h);
        finishSigmoid(g, 0, 2 * h);
        finishSigmoid(g, 3 * h, h);
    }

    private static void clampAll(float[] v, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            v[i] = clamp(v[i]);
        }
    }

    private static void ratioAll(float[] v, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            v[i] = ratio(v[i]);
        }
    }

    private static void halve(float[] v, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            v[i] = 0.5f * v[i];
        }
    }

    /** σ(x) = 0.5 + 0.5·tanh(x/2): the last step, on v = tanh(x/2). */
    private static void finishSigmoid(float[] v, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            v[i] = 0.5f + 0.5f * v[i];
        }
    }

    /** Applies max(0, x) to {@code v[off, off+n)}. Modified: v. */
    public static void relu(float[] v, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            v[i] = Math.max(0f, v[i]);
        }
    }
}
