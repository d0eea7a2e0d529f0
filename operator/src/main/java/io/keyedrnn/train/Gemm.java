package io.keyedrnn.train;

/**
 * Float32 matrix–matrix kernels for batched training on matrices stored as arrays of rows.
 *
 * <p>Rows are separate arrays and every vector loop reads and writes them at the same index: on JDK
 * 17 the same loops over one flat array at different offsets ran 3–5× slower on these shapes (C2
 * did not vectorise them). {@link #multAdd} accumulates each output as the serving kernel {@link
 * io.keyedrnn.model.VectorOps#multAddColumns} does, one fused multiply-add per inner index in index
 * order, so a batched forward pass reproduces the serving step bit for bit. Columns go in blocks so
 * the part of B a pass reads stays in L1.
 */
public final class Gemm {
    /** Columns per block: 64 rows of B × 128 floats fit in 32 KiB of L1. */
    static final int COL_BLOCK = 128;

    private Gemm() {}

    /**
     * C[i][j] += Σ_p A[i][p] · B[p][j] for i in [0, m), p in [0, k), j in [0, n). Modified: c. Not
     * modified: a, b.
     *
     * <p>Callers pass views (arrays of row references) rather than row offsets: with offsets in the
     * index expressions C2 stopped vectorising the inner loop (4× slower, measured on JDK 17).
     * Likewise the loop over pairs of C rows must enclose the loop over inner terms.
     */
    public static void multAdd(float[][] a, int m, int k, float[][] b, int n, float[][] c) {
        for (int j0 = 0; j0 < n; j0 += COL_BLOCK) {
            int j1 = Math.min(n, j0 + COL_BLOCK);
            int i = 0;
            for (; i + 1 < m; i += 2) {
                float[] x = a[i];
                float[] y = a[i + 1];
                float[] cx = c[i];
                float[] cy = c[i + 1];
                int p = 0;
                for (; p + 3 < k; p += 4) {
                    fma2x4(
                            b[p], b[p + 1], b[p + 2], b[p + 3], x[p], x[p + 1], x[p + 2], x[p + 3],
                            y[p], y[p + 1], y[p + 2], y[p + 3], cx, cy, j0, j1);
                }
                for (; p < k; p++) {
                    fma2x1(b[p], x[p], y[p], cx, cy, j0, j1);
                }
            }
            if (i < m) {
                float[] x = a[i];
                for (int p = 0; p < k; p++) {
                    fma1(b[p], x[p], c[i], j0, j1);
                }
            }
        }
    }

    /**
     * cx[j] and cy[j] each take four fused multiply-adds in order, for j in [j0, j1): two rows of C
     * share each load of B, the pattern C2 vectorises best here (measured against 1–8 rows and 1–8
     * inner terms; 8 terms or odd counts fall back to scalar code).
     */
    private static void fma2x4(
            float[] b0,
            float[] b1,
            float[] b2,
            float[] b3,
            float x0,
            float x1,
            float x2,
            float x3,
            float y0,
            float y1,
            float y2,
            float y3,
            float[] cx,
            float[] cy,
            int j0,
            int j1) {
        for (int j = j0; j < j1; j++) {
            float v0 = b0[j];
            float v1 = b1[j];
            float v2 = b2[j];
            float v3 = b3[j];
            cx[j] = Math.fma(v3, x3, Math.fma(v2, x2, Math.fma(v1, x1, Math.fma(v0, x0, cx[j]))));
            cy[j] = Math.fma(v3, y3, Math.fma(v2, y2, Math.fma(v1, y1, Math.fma(v0, y0, cy[j]))));
        }
    }

    /** cx[j] = fma(b[j], x, cx[j]) for j in [j0, j1). */
    private static void fma1(float[] b, float x, float[] cx, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            cx[j] = Math.fma(b[j], x, cx[j]);
        }
    }

    /** cx[j] = fma(b[j], x, cx[j]) and cy[j] = fma(b[j], y, cy[j]) for j in [j0, j1). */
    private static void fma2x1(
            float[] b, float x, float y, float[] cx, float[] cy, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            float v = b[j];
            cx[j] = Math.fma(v, x, cx[j]);
            cy[j] = Math.fma(v, y, cy[j]);
        }
    }

    /**
     * C[i][j] += Σ_r A[r][i] · B[r][j] for r in [0, rows), i in [0, m), j in [off, off + n):
     * accumulates Aᵀ·B, a weight gradient from inputs A and output gradients B. Modified: c. Not
     * modified: a, b.
     */
    public static void multTransAAdd(
            float[][] a, int rows, int m, float[][] b, int off, int n, float[][] c) {
        int end = off + n;
        for (int j0 = off; j0 < end; j0 += COL_BLOCK) {
            int j1 = Math.min(end, j0 + COL_BLOCK);
            int i = 0;
            for (; i + 1 < m; i += 2) {
                float[] cx = c[i];
                float[] cy = c[i + 1];
                int r = 0;
                for (; r + 3 < rows; r += 4) {
                    float[] s0 = a[r];
                    float[] s1 = a[r + 1];
                    float[] s2 = a[r + 2];
                    float[] s3 = a[r + 3];
                    fma2x4(
                            b[r], b[r + 1], b[r + 2], b[r + 3], s0[i], s1[i], s2[i], s3[i],
                            s0[i + 1], s1[i + 1], s2[i + 1], s3[i + 1], cx, cy, j0, j1);
                }
                for (; r < rows; r++) {
                    fma2x1(b[r], a[r][i], a[r][i + 1], cx, cy, j0, j1);
                }
            }
            if (i < m) {
                for (int r = 0; r < rows; r++) {
                    fma1(b[r], a[r][i], c[i], j0, j1);
                }
            }
        }
    }

    /** c[j] += Σ_r a[r][j] for j in [0, n). Modified: c. Not modified: a. */
    public static void addColumnSums(float[][] a, int rows, int n, float[] c) {
        for (int r = 0; r < rows; r++) {
            float[] ar = a[r];
            for (int j = 0; j < n; j++) {
                c[j] += ar[j];
            }
        }
    }

    /** Adds v[0, n) to rows [0, count) of dst. Modified: dst. Not modified: v. */
    public static void addToRows(float[] v, int n, float[][] dst, int count) {
        for (int r = 0; r < count; r++) {
            float[] d = dst[r];
            for (int j = 0; j < n; j++) {
                d[j] += v[j];
            }
        }
    }

    /** Zeroes [0, n) of rows [0, count). Modified: dst. */
    public static void zeroRows(float[][] dst, int count, int n) {
        for (int r = 0; r < count; r++) {
            java.util.Arrays.fill(dst[r], 0, n, 0f);
        }
    }

    /** A rows × cols matrix of zeros. */
    public static float[][] rows(int rows, int cols) {
        return new float[rows][cols];
    }

    /** Views of consecutive groups of {@code per} rows: view t holds rows [t·per, (t+1)·per). */
    public static float[][][] views(float[][] rows, int per) {
        float[][][] v = new float[rows.length / per][][];
        for (int t = 0; t < v.length; t++) {
            v[t] = java.util.Arrays.copyOfRange(rows, t * per, (t + 1) * per);
        }
        return v;
    }

    /** Copies flat m[off..] (rows × cols, row-major) into the row arrays t. Modified: t. */
    public static void unflatten(float[] m, int off, int rows, int cols, float[][] t) {
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m, off + i * cols, t[i], 0, cols);
        }
    }

    /** Writes the transpose of flat m[off..] (rows × cols) into t (cols rows). Modified: t. */
    public static void transpose(float[] m, int off, int rows, int cols, float[][] t) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = m[off + i * cols + j];
            }
        }
    }

    /** Adds t (rows × cols) into flat c at off, row-major. Modified: c. */
    public static void addFlat(float[][] t, int rows, int cols, float[] c, int off) {
        for (int i = 0; i < rows; i++) {
            float[] ti = t[i];
            for (int j = 0; j < cols; j++) {
                c[off + i * cols + j] += ti[j];
            }
        }
    }

    /** Adds the transpose of t (rows × cols) into flat c (cols × rows) at off. Modified: c. */
    public static void addTransposedFlat(float[][] t, int rows, int cols, float[] c, int off) {
        for (int i = 0; i < rows; i++) {
            float[] ti = t[i];
            for (int j = 0; j < cols; j++) {
                c[off + j * rows + i] += ti[j];
            }
        }
    }
}
