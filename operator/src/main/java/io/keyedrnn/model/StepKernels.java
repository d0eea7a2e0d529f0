package io.keyedrnn.model;

/**
 * The step's hot loops on a second instruction path, bit for bit the scalar code: the products of
 * {@link VectorOps#multAddColumns} and {@link BatchOps#multAddColumns} (every output element one
 * chain of fused multiply-adds over the inputs in index order) and the array passes of {@link
 * Activations} and the element-wise ones of {@link VectorOps} (the same operations per element, in
 * the same order).
 */
interface StepKernels {
    /** The weights (columns, all of one length) in the layout this path reads best. */
    float[] pack(float[][] cols);

    /** As {@link VectorOps#multAddColumns} over all columns; packed is {@link #pack}'s of cols. */
    void multAdd(float[][] cols, float[] packed, float[] x, int xOff, float[] y, int off, int n);

    /** As {@link BatchOps#multAddColumns} over all columns; packed is {@link #pack}'s of cols. */
    void multAddBatch(
            float[][] cols,
            float[] packed,
            float[][] xs,
            int[] xOffs,
            float[][] ys,
            int off,
            int rows,
            int n);

    /** As {@link Activations#tanh(float[], int, int)}. */
    void tanh(float[] v, int off, int n);

    /** As {@link Activations#sigmoid(float[], int, int)}. */
    void sigmoid(float[] v, int off, int n);

    /** As {@link VectorOps#mulAddMul}. */
    void mulAddMul(
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
            int n);

    /** As {@link VectorOps#mul}. */
    void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int oOff, int n);
}
