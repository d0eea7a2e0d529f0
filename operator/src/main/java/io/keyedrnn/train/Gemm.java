package io.keyedrnn.train;

/**
 * Float32 matrix–matrix kernels for batched training on matrices stored as arrays of rows.
 *
 * <p>Rows are separate arrays and every vector loop reads and writes them at the same index: C2 on
 * JDK 17 vectorises such loops but not one flat array read and written at different offsets (it
 * cannot rule out overlap), a 5× difference measured on these shapes. {@link #multAdd} accumulates
 * each output as the serving kernel {@link io.keyedrnn.model.VectorOps#multAddColumns} does, one
 * fused multiply-add per inner index in index order, so a batched forward pass reproduces the
 * serving step bit for bit. Columns go in blocks so the part of B a pass reads stays in L1.
 */
public final class Gemm {
    /** Columns per block: 64 rows of B × 128 floats fit in 32 KiB. */
    static final int COL_BLOCK = 128;

    private Gemm() {}

    /**
     * C[c0 + i][j] += Σ_p A[a0 + i][aCol + p] · B[b0 + p][j] for i in [0, m), p in [0, k), j in [0,
     * n). Modified: c. Not modified: a, b.
     */
    public static void multAdd(
            float[][] a,
            int a0,
            int aCol,
            int m,
            int k,
            float[][] b,
            int b0,
            int n,
            float[][] c,
            int c0) {
        for (int j0 = 0; j0 < n; j0 += COL_BLOCK) {
            int j1 = Math.min(n, j0 + COL_BLOCK);
            for (int i = 0; i < m; i++) {
                rowTimesBlock(a[a0 + i], aCol, k, b, b0, j0, j1, c[c0 + i]);
            }
        }
    }

    /** ci[j] = fma chain over p of b[b0 + p][j]·ai[aCol + p], for j in [j0, j1). */
    private static void rowTimesBlock(
            float[] ai, int aCol, int k, float[][] b, int b0, int j0, int j1, float[] ci) {
        int p = 0;
        for (; p + 3 < k; p += 4) {
            float s0 = ai[aCol + p];
            float s1 = ai[aCol + p + 1];
            float s2 = ai[aCol + p + 2];
            float s3 = ai[aCol + p + 3];
            float[] r0 = b[b0 + p];
            float[] r1 = b[b0 + p + 1];
            float[] r2 = b[b0 + p + 2];
            float[] r3 = b[b0 + p + 3];
            for (int j = j0; j < j1; j++) {
                float acc = Math.fma(r0[j], s0, ci[j]);
                acc = Math.fma(r1[j], s1, acc);
                acc = Math.fma(r2[j], s2, acc);
                ci[j] = Math.fma(r3[j], s3, acc);
            }
        }
        for (; p < k; p++) {
            float s = ai[aCol + p];
            float[] r = b[b0 + p];
            for (int j = j0; j < j1; j++) {
                ci[j] = Math.fma(r[j], s, ci[j]);
            }
        }
    }

    /**
     * C[i][off + j] += Σ_r A[a0 + r][i] · B[b0 + r][off + j] for r in [0, rows), i in [0, m), j in
     * [0, n): accumulates Aᵀ·B, a weight gradient from inputs A and output gradients B. Modified:
     * c. Not modified: a, b.
     */
    public static void multTransAAdd(
            float[][] a,
            int a0,
            int rows,
            int m,
            float[][] b,
            int b0,
            int off,
            int n,
            float[][] c) {
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            float[] x0 = a[a0 + r];
            float[] x1 = a[a0 + r + 1];
            float[] x2 = a[a0 + r + 2];
            float[] x3 = a[a0 + r + 3];
            float[] g0 = b[b0 + r];
            float[] g1 = b[b0 + r + 1];
            float[] g2 = b[b0 + r + 2];
            float[] g3 = b[b0 + r + 3];
            for (int i = 0; i < m; i++) {
                float s0 = x0[i];
                float s1 = x1[i];
                float s2 = x2[i];
                float s3 = x3[i];
                float[] ci = c[i];
                for (int j = off; j < off + n; j++) {
                    ci[j] += g0[j] * s0 + g1[j] * s1 + g2[j] * s2 + g3[j] * s3;
                }
            }
        }
        for (; r < rows; r++) {
            float[] x = a[a0 + r];
            float[] g = b[b0 + r];
            for (int i = 0; i < m; i++) {
                float s = x[i];
                float[] ci = c[i];
                for (int j = off; j < off + n; j++) {
                    ci[j] += g[j] * s;
                }
            }
        }
    }

    /** c[j] += Σ_r a[a0 + r][j] for j in [0, n). Modified: c. Not modified: a. */
    public static void addColumnSums(float[][] a, int a0, int rows, int n, float[] c) {
        for (int r = 0; r < rows; r++) {
            float[] ar = a[a0 + r];
            for (int j = 0; j < n; j++) {
                c[j] += ar[j];
            }
        }
    }

    /** Adds v[0, n) to rows [r0, r0 + count) of dst. Modified: dst. Not modified: v. */
    public static void addToRows(float[] v, int n, float[][] dst, int r0, int count) {
        for (int r = r0; r < r0 + count; r++) {
            float[] d = dst[r];
            for (int j = 0; j < n; j++) {
                d[j] += v[j];
            }
        }
    }

    /** Zeroes [0, n) of rows [r0, r0 + count). Modified: dst. */
    public static void zeroRows(float[][] dst, int r0, int count, int n) {
        for (int r = r0; r < r0 + count; r++) {
            java.util.Arrays.fill(dst[r], 0, n, 0f);
        }
    }

    /** A rows × cols matrix of zeros. */
    public static float[][] rows(int rows, int cols) {
        return new float[rows][cols];
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
