package io.keyedrnn.model;

/**
 * The Elman RNN's pointwise math, forward and backward: h' = act(a) with act tanh or relu, and da =
 * dh'·act'(a), act' taken from the output (1 − h'² or h' > 0). The one copy serving and training
 * call.
 */
public final class RnnCell {
    private RnnCell() {}

    /** out[off + k] = act(pre[k]) for k in [0, H). Modified: out. Not modified: pre. */
    public static void activate(boolean tanh, float[] pre, float[] out, int off, int h) {
        if (tanh) {
            for (int k = 0; k < h; k++) {
                out[off + k] = Activations.tanh(pre[k]);
            }
        } else {
            for (int k = 0; k < h; k++) {
                out[off + k] = Math.max(0f, pre[k]);
            }
        }
    }

    /** dA[k] = dh[k]·act'(y[k]) from the step's output y. Modified: dA. */
    public static void backward(boolean tanh, float[] y, float[] dh, float[] dA, int h) {
        for (int k = 0; k < h; k++) {
            dA[k] = tanh ? dh[k] * (1f - y[k] * y[k]) : (y[k] > 0f ? dh[k] : 0f);
        }
    }
}
