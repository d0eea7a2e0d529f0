package io.keyedrnn.train;

/**
 * Row-major float32 matrix–matrix kernels for batched training, with output parameters.
 *
 * <p>{@link #multAdd} accumulates each output element as the serving kernel {@link
 * io.keyedrnn.model.VectorOps#multAddColumns} does: one fused multiply-add per inner index, in
 * index order, so a batched forward pass reproduces the serving step bit for bit. Columns are
 * processed in blocks so the block of B a row pass reads stays in L1.
 */
public final class Gemm {
    /** Columns per block: 64 floats of B per row keep a 64-row B block in 16 KiB. */
    static final int COL_BLOCK = 64;

    private Gemm() {}

    /**
     * C[i][j] += Σ_p A[i][p]·B[p][j] for i in [0, m), p in [0, k), j in [0, n), each matrix given
     * by array, offset and leading dimension. Modified: c. Not modified: a, b.
     */
    public static void multAdd(
            float[] a,
            int aOff,
            int lda,
            int m,
            int k,
            float[] b,
            int bOff,
            int ldb,
            int n,
            float[] c,
            int cOff,
            int ldc) {
        for (int j0 = 0; j0 < n; j0 += COL_BLOCK) {
            int cols = Math.min(COL_BLOCK, n - j0);
            for (int i = 0; i < m; i++) {
                rowTimesBlock(
                        a, aOff + i * lda, k, b, bOff + j0, ldb, cols, c, cOff + i * ldc + j0);
            }
        }
    }

    /** c[cOff + j] += Σ_p a[aOff + p]·b[bOff + p·ldb + j] for j in [0, cols). */
    private static void rowTimesBlock(
            float[] a,
            int aOff,
            int k,
            float[] b,
            int bOff,
            int ldb,
            int cols,
            float[] c,
            int cOff) {
        int p = 0;
        for (; p + 3 < k; p += 4) {
            float a0 = a[aOff + p];
            float a1 = a[aOff + p + 1];
            float a2 = a[aOff + p + 2];
            float a3 = a[aOff + p + 3];
            int b0 = bOff + p * ldb;
            int b1 = b0 + ldb;
            int b2 = b1 + ldb;
            int b3 = b2 + ldb;
            for (int j = 0; j < cols; j++) {
                float acc = Math.fma(b[b0 + j], a0, c[cOff + j]);
                acc = Math.fma(b[b1 + j], a1, acc);
                acc = Math.fma(b[b2 + j], a2, acc);
                c[cOff + j] = Math.fma(b[b3 + j], a3, acc);
            }
        }
        for (; p < k; p++) {
            float ap = a[aOff + p];
            int bp = bOff + p * ldb;
            for (int j = 0; j < cols; j++) {
                c[cOff + j] = Math.fma(b[bp + j], ap, c[cOff + j]);
            }
        }
    }

    /**
     * C[i][j] += Σ_r A[r][i]·B[r][j] for r in [0, rows), i in [0, m), j in [0, n): accumulates Aᵀ·B
     * (a weight gradient from activations A and output gradients B). Modified: c. Not modified: a,
     * b.
     */
    public static void multTransAAdd(
            float[] a,
            int aOff,
            int lda,
            int rows,
            int m,
            float[] b,
            int bOff,
            int ldb,
            int n,
            float[] c,
            int cOff,
            int ldc) {
        for (int j0 = 0; j0 < n; j0 += COL_BLOCK) {
            int cols = Math.min(COL_BLOCK, n - j0);
            int r = 0;
            for (; r + 3 < rows; r += 4) {
                int a0 = aOff + r * lda;
                int b0 = bOff + r * ldb + j0;
                for (int i = 0; i < m; i++) {
                    axpy4(a, a0 + i, lda, b, b0, ldb, cols, c, cOff + i * ldc + j0);
                }
            }
            for (; r < rows; r++) {
                int a0 = aOff + r * lda;
                int b0 = bOff + r * ldb + j0;
                for (int i = 0; i < m; i++) {
                    float s = a[a0 + i];
                    int ci = cOff + i * ldc + j0;
                    for (int j = 0; j < cols; j++) {
                        c[ci + j] += b[b0 + j] * s;
                    }
                }
            }
        }
    }

    /** c[j] += Σ_q a[ai + q·lda]·b[b0 + q·ldb + j] for q in [0, 4), j in [0, cols). */
    private static void axpy4(
            float[] a, int ai, int lda, float[] b, int b0, int ldb, int cols, float[] c, int ci) {
        float s0 = a[ai];
        float s1 = a[ai + lda];
        float s2 = a[ai + 2 * lda];
        float s3 = a[ai + 3 * lda];
        int b1 = b0 + ldb;
        int b2 = b1 + ldb;
        int b3 = b2 + ldb;
        for (int j = 0; j < cols; j++) {
            c[ci + j] += b[b0 + j] * s0 + b[b1 + j] * s1 + b[b2 + j] * s2 + b[b3 + j] * s3;
        }
    }

    /** Adds the column sums of a (rows × n, leading dimension lda) into c[cOff, cOff+n). */
    public static void addColumnSums(
            float[] a, int aOff, int lda, int rows, int n, float[] c, int cOff) {
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * lda;
            for (int j = 0; j < n; j++) {
                c[cOff + j] += a[ar + j];
            }
        }
    }

    /** Adds the transpose of t (rows × cols) into c (cols × rows) at cOff. Modified: c. */
    public static void addTransposed(float[] t, int rows, int cols, float[] c, int cOff) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                c[cOff + j * rows + i] += t[i * cols + j];
            }
        }
    }

    /** Writes the transpose of m[mOff..] (rows × cols) into t (cols × rows). Modified: t. */
    public static void transpose(float[] m, int mOff, int rows, int cols, float[] t) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = m[mOff + i * cols + j];
            }
        }
    }
}
