package io.keyedrnn.model;

/**
 * The matrix product of a batched step: one weight matrix applied to the inputs of many keys, each
 * output accumulated in exactly the order {@link VectorOps#multAddColumns} uses.
 *
 * <p>Each y[b][r] is a chain of fused multiply-adds over the inputs in index order, whatever the
 * batch, so a key's result is bit for bit its single step's. The loops only reorder independent
 * chains: keys go in pairs, and each load of four weight columns feeds both keys of a pair, which
 * halves the weight loads per multiply-add against the single step. Measured on JDK 17 (Zen 4),
 * this order (rows, key pairs, columns) ran 4.5× faster than loading four columns once for all keys
 * of the batch (columns, key pairs, rows), whose short passes C2 did not vectorise well, and blocks
 * of 512 rows beat 64–256.
 */
final class BatchOps {
    /** Output rows per block; the LSTM at hidden 128 has 512 gate rows. */
    static final int ROW_BLOCK = 512;

    private BatchOps() {}

    /**
     * ys[b][r] += Σ_j cols[j][r] · xs[b][xOffs[b] + j] for b in [0, n), r in [off, off + rows), j
     * in [0, count), in j order for each (b, r). A key's x slice may lie in its own y row outside
     * [off, off + rows). Modified: ys. Not modified: cols, xs outside the ys rows, xOffs.
     */
    static void multAddColumns(
            float[][] cols,
            int count,
            float[][] xs,
            int[] xOffs,
            float[][] ys,
            int off,
            int rows,
            int n) {
        int end = off + rows;
        for (int r0 = off; r0 < end; r0 += ROW_BLOCK) {
            int r1 = Math.min(end, r0 + ROW_BLOCK);
            int b = 0;
            for (; b + 1 < n; b += 2) {
                float[] x = xs[b];
                float[] z = xs[b + 1];
                float[] y = ys[b];
                float[] w = ys[b + 1];
                int xo = xOffs[b];
                int zo = xOffs[b + 1];
                int j = 0;
                for (; j + 3 < count; j += 4) {
                    fma2x4(
                            cols[j],
                            cols[j + 1],
                            cols[j + 2],
                            cols[j + 3],
                            x[xo + j],
                            x[xo + j + 1],
                            x[xo + j + 2],
                            x[xo + j + 3],
                            z[zo + j],
                            z[zo + j + 1],
                            z[zo + j + 2],
                            z[zo + j + 3],
                            y,
                            w,
                            r0,
                            r1);
                }
                for (; j < count; j++) {
                    fma2x1(cols[j], x[xo + j], z[zo + j], y, w, r0, r1);
                }
            }
            if (b < n) {
                VectorOps.multAddColumns(cols, count, xs[b], xOffs[b], ys[b], r0, r1 - r0);
            }
        }
    }

    /** Two keys' rows each take four FMAs in column order; each weight load feeds both. */
    private static void fma2x4(
            float[] c0,
            float[] c1,
            float[] c2,
            float[] c3,
            float x0,
            float x1,
            float x2,
            float x3,
            float z0,
            float z1,
            float z2,
            float z3,
            float[] y,
            float[] w,
            int r0,
            int r1) {
        for (int r = r0; r < r1; r++) {
            float v0 = c0[r];
            float v1 = c1[r];
            float v2 = c2[r];
            float v3 = c3[r];
            y[r] = Math.fma(v3, x3, Math.fma(v2, x2, Math.fma(v1, x1, Math.fma(v0, x0, y[r]))));
            w[r] = Math.fma(v3, z3, Math.fma(v2, z2, Math.fma(v1, z1, Math.fma(v0, z0, w[r]))));
        }
    }

    private static void fma2x1(float[] c, float x, float z, float[] y, float[] w, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            float v = c[r];
            y[r] = Math.fma(v, x, y[r]);
            w[r] = Math.fma(v, z, w[r]);
        }
    }

    /** Zeroes ys[b][off, off + rows) for b in [0, n). Modified: ys. */
    static void zero(float[][] ys, int off, int rows, int n) {
        for (int b = 0; b < n; b++) {
            java.util.Arrays.fill(ys[b], off, off + rows, 0f);
        }
    }

    /** ys[b][off + i] += v[off + i] for i in [0, rows), b in [0, n): the single step's add. */
    static void addToRows(float[][] ys, float[] v, int off, int rows, int n) {
        int end = off + rows;
        for (int b = 0; b < n; b++) {
            float[] y = ys[b];
            for (int i = off; i < end; i++) {
                y[i] += v[i];
            }
        }
    }
}
