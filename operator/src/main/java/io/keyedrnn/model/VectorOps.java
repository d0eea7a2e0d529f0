package io.keyedrnn.model;

/**
 * Stateless float32 kernels for the cell step, with output parameters in EJML's style.
 *
 * <p>Weights are kept transposed (input-major) so that y += Wᵀ-column · x[j] is an axpy over a
 * contiguous row, a loop C2 vectorises; a dot-product reduction per output would stay scalar and
 * latency-bound.
 */
public final class VectorOps {
    private VectorOps() {}

    /**
     * y[yOff + r] += Σ_j wt[j·ld + colOff + r] · x[xOff + j] for r in [0, cols), j in [0, rows).
     *
     * <p>{@code wt} is the transpose of a (cols × rows) weight block stored row-major with leading
     * dimension {@code ld}. Four inputs are folded per pass to cut loads and stores of y. Modified:
     * y. Not modified: wt, x.
     */
    public static void multAddTransposed(
            float[] wt,
            int ld,
            int colOff,
            int rows,
            int cols,
            float[] x,
            int xOff,
            float[] y,
            int yOff) {
        int j = 0;
        for (; j + 3 < rows; j += 4) {
            float x0 = x[xOff + j];
            float x1 = x[xOff + j + 1];
            float x2 = x[xOff + j + 2];
            float x3 = x[xOff + j + 3];
            int w0 = j * ld + colOff;
            int w1 = w0 + ld;
            int w2 = w1 + ld;
            int w3 = w2 + ld;
            for (int r = 0; r < cols; r++) {
                y[yOff + r] +=
                        wt[w0 + r] * x0 + wt[w1 + r] * x1 + wt[w2 + r] * x2 + wt[w3 + r] * x3;
            }
        }
        for (; j < rows; j++) {
            float xj = x[xOff + j];
            int w = j * ld + colOff;
            for (int r = 0; r < cols; r++) {
                y[yOff + r] += wt[w + r] * xj;
            }
        }
    }

    /** Returns the transpose of a row-major (rows × cols) matrix. Not modified: m. */
    public static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = m[i * cols + j];
            }
        }
        return t;
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
