package io.keyedrnn.model;

/**
 * A weight matrix as the step's products read it: its columns, and on the Vector API path (see
 * {@link Kernels}) also the packed copy that path streams. Immutable.
 */
final class WeightColumns {
    private final float[][] cols;
    private final float[] packed;

    /** From a row-major (rows × count) matrix, which is not kept. */
    WeightColumns(float[] m, int rows, int count) {
        this.cols = VectorOps.columns(m, rows, count);
        this.packed = Kernels.VECTOR == null ? null : Kernels.VECTOR.pack(cols);
    }

    /** y[off + r] += Σ_j W[off + r][j] · x[xOff + j], as {@link VectorOps#multAddColumns}. */
    void multAdd(float[] x, int xOff, float[] y, int off, int n) {
        if (Kernels.VECTOR != null) {
            Kernels.VECTOR.multAdd(cols, packed, x, xOff, y, off, n);
        } else {
            VectorOps.multAddColumns(cols, cols.length, x, xOff, y, off, n);
        }
    }

    /** {@link #multAdd} for n keys, as {@link BatchOps#multAddColumns}. */
    void multAddBatch(float[][] xs, int[] xOffs, float[][] ys, int off, int rows, int n) {
        if (Kernels.VECTOR != null) {
            Kernels.VECTOR.multAddBatch(cols, packed, xs, xOffs, ys, off, rows, n);
        } else {
            BatchOps.multAddColumns(cols, cols.length, xs, xOffs, ys, off, rows, n);
        }
    }
}
