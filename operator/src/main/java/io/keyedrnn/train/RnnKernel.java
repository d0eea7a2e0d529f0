package io.keyedrnn.train;

import io.keyedrnn.model.Activations;
import io.keyedrnn.model.CellKind;
import java.util.Arrays;

/**
 * Elman RNN (tanh or relu) forward and backward over a chunk, as {@link
 * io.keyedrnn.model.RnnLayer}: da = dh'·act'(a), with act' from the output (1 − h'² or h' > 0).
 */
final class RnnKernel extends LayerKernel {
    private final boolean tanh;

    /** Pre-activations per step (the input projection plus W_hh h). */
    private final float[] pre;

    RnnKernel(CellKind kind, int layer, Parameters layout, int maxRows, int maxSteps) {
        super(kind, layer, layout, maxRows, maxSteps);
        this.tanh = kind == CellKind.RNN_TANH;
        this.pre = new float[maxSteps * maxRows * g];
    }

    @Override
    protected boolean inputBiasFirst() {
        return false;
    }

    @Override
    protected float[] gateBuffer() {
        return pre;
    }

    @Override
    protected void stepForward(int t, int n, float[] p) {
        int base = t * maxRows;
        Gemm.multAdd(h, hAt(t, 0), hid, n, hid, wHhT, 0, g, g, pre, base * g, g);
        addRows(biasSum, 0, pre, base * g, g, n, g);
        int next = hAt(t + 1, 0);
        System.arraycopy(pre, base * g, h, next, n * hid);
        if (tanh) {
            Activations.tanh(h, next, n * hid);
        } else {
            Activations.relu(h, next, n * hid);
        }
    }

    @Override
    protected void stepBackward(int t, int n, float[] p) {
        for (int b = 0; b < n; b++) {
            int out = hAt(t + 1, b);
            int d = b * g;
            for (int k = 0; k < hid; k++) {
                float dh = dhAt(t, b, k);
                float y = h[out + k];
                dGi[d + k] = tanh ? dh * (1f - y * y) : (y > 0f ? dh : 0f);
            }
        }
        Arrays.fill(dhRun, 0, n * hid, 0f);
        Gemm.multAdd(dGi, 0, g, n, g, p, wHhOffset(), hid, hid, dhRun, 0, hid);
    }
}
