package io.keyedrnn.model;

/**
 * Stateless float32 kernels for the cell step, with output parameters in EJML's style.
 *
 * <p>Weights are kept as columns so that y += column_j · x[j] is an axpy over a contiguous array, a
 * loop C2 vectorises; a dot-product reduction per output would stay scalar and latency-bound.
 */
public final class VectorOps {
    private VectorOps() {}

    /**
     * y[off + r] += Σ_j cols[j][off + r] · x[xOff + j] for r in [0, n), j in [0, count).
     *
     * <p>{@code cols[j]} is column j of a weight matrix (the matrix stored transposed, one array
     * per input). y and every column are indexed with the same offset: C2 on JDK 17 vectorises the
     * inner loop only when it can tell the store into y from the loads of the column, which it
     * cannot for one flat array read at a different offset. Six, then four inputs are folded per
     * pass to cut loads and stores of y. Modified: y. Not modified: cols, x.
     */
    public static void multAddColumns(
            float[][] cols, int count, float[] x, int xOff, float[] y, int off, int n) {
        int end = off + n;
        int j = 0;
        // Six per pass while that leaves no lone column for the one-input loop: 8 = 4 + 4.
        for (; count - j >= 10 || count - j == 6; j += 6) {
            multAdd6(cols, j, x, xOff + j, y, off, end);
        }
        for (; j + 3 < count; j += 4) {
            float x0 = x[xOff + j];
            float x1 = x[xOff + j + 1];
            float x2 = x[xOff + j + 2];
            float x3 = x[xOff + j + 3];
            float[] c0 = cols[j];
            float[] c1 = cols[j + 1];
            float[] c2 = cols[j + 2];
            float[] c3 = cols[j + 3];
            for (int r = off; r < end; r++) {
                y[r] =
                        Math.fma(
                                c3[r],
                                x3,
                                Math.fma(
                                        c2[r], x2, Math.fma(c1[r], x1, Math.fma(c0[r], x0, y[r]))));
            }
        }
        for (; j < count; j++) {
            float xj = x[xOff + j];
            float[] c = cols[j];
            for (int r = off; r < end; r++) {
                y[r] = Math.fma(c[r], xj, y[r]);
            }
        }
    }

    /**
     * y[r] takes six fused multiply-adds, columns j0..j0+5 in order, for r in [off, end): one load
     * and store of y per six. Eight per pass stopped C2 vectorising; six ran 3–6% faster than four
     * at LSTM hidden 64 and 128 (JDK 17, measured).
     */
    private static void multAdd6(
            float[][] cols, int j0, float[] x, int xj, float[] y, int off, int end) {
        float x0 = x[xj];
        float x1 = x[xj + 1];
        float x2 = x[xj + 2];
        float x3 = x[xj + 3];
        float x4 = x[xj + 4];
        float x5 = x[xj + 5];
        float[] c0 = cols[j0];
        float[] c1 = cols[j0 + 1];
        float[] c2 = cols[j0 + 2];
        float[] c3 = cols[j0 + 3];
        float[] c4 = cols[j0 + 4];
        float[] c5 = cols[j0 + 5];
        for (int r = off; r < end; r++) {
            float v = Math.fma(c0[r], x0, y[r]);
            v = Math.fma(c1[r], x1, v);
            v = Math.fma(c2[r], x2, v);
            v = Math.fma(c3[r], x3, v);
            v = Math.fma(c4[r], x4, v);
            y[r] = Math.fma(c5[r], x5, v);
        }
    }

    /**
     * out[oOff + k] = a[aOff + k]·b[bOff + k] + c[cOff + k]·d[dOff + k] for k in [0, n): two
     * rounded products, then their rounded sum. out may be the very slice of an input, not a
     * shifted overlap. Scalar on JDK 17 (C2 does not vectorise one array read at several offsets);
     * on the Vector API path when {@link Kernels} chose it. Modified: out.
     */
    public static void mulAddMul(
            float[] a,
            int aOff,
            float[] b,
            int bOff,
            float[] c,
            int cOff,
            float[] d,
            int dOff,
            float[] out,
            int oOff,
            int n) {
        if (Kernels.VECTOR != null) {
            Kernels.VECTOR.mulAddMul(a, aOff, b, bOff, c, cOff, d, dOff, out, oOff, n);
            return;
        }
        for (int k = 0; k < n; k++) {
            out[oOff + k] = a[aOff + k] * b[bOff + k] + c[cOff + k] * d[dOff + k];
        }
    }

    /**
     * out[oOff + k] = a[aOff + k]·b[bOff + k] for k in [0, n), as {@link #mulAddMul}. Modified:
     * out.
     */
    public static void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int oOff, int n) {
        if (Kernels.VECTOR != null) {
            Kernels.VECTOR.mul(a, aOff, b, bOff, out, oOff, n);
            return;
        }
        for (int k = 0; k < n; k++) {
            out[oOff + k] = a[aOff + k] * b[bOff + k];
        }
    }

    /** Splits a row-major (rows × cols) matrix into its columns. Not modified: m. */
    public static float[][] columns(float[] m, int rows, int cols) {
        float[][] c = new float[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                c[j][i] = m[i * cols + j];
            }
        }
        return c;
    }

    /** y[i] += b[i] for i in [0, n). Modified: y. Not modified: b. */
    public static void addInPlace(float[] y, float[] b, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += b[i];
        }
    }

    /** Element-wise sum a + b into a new array. Not modified: a, b. */
    public static float[] add(float[] a, float[] b) {
        float[] s = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i] + b[i];
        }
        return s;
    }
}
