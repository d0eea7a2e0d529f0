package io.keyedrnn.train;

import io.keyedrnn.model.Activations;
import io.keyedrnn.model.CellKind;

/**
 * Elman RNN (tanh or relu) forward and backward over a chunk, as {@link
 * io.keyedrnn.model.RnnLayer}: da = dh'·act'(a), with act' from the output (1 − h'² or h' > 0).
 */
final class RnnKernel extends LayerKernel {
    private final boolean tanh;

    private final float[] dh;

    RnnKernel(CellKind kind, int layer, Parameters layout, int maxRows, int maxSteps) {
        super(kind, layer, layout, maxRows, maxSteps);
        this.tanh = kind == CellKind.RNN_TANH;
        this.dh = new float[hid];
    }

    @Override
    protected boolean inputBiasFirst() {
        return false;
    }

    @Override
    protected void stepForward(int t, int n) {
        int base = t * maxRows;
        Gemm.multAdd(hAt[t], n, hid, wHhT, g, gatesAt[t]);
        Gemm.addToRows(biasSum, g, gatesAt[t], n);
        for (int b = 0; b < n; b++) {
            float[] out = h[base + maxRows + b];
            System.arraycopy(gates[base + b], 0, out, 0, hid);
            if (tanh) {
                Activations.tanh(out, 0, hid);
            } else {
                Activations.relu(out, 0, hid);
            }
        }
    }

    @Override
    protected void stepBackward(int t, int n) {
        int base = t * maxRows;
        for (int b = 0; b < n; b++) {
            totalDh(t, b, dh);
            float[] y = h[base + maxRows + b];
            float[] d = dGi[b];
            for (int k = 0; k < hid; k++) {
                d[k] = tanh ? dh[k] * (1f - y[k] * y[k]) : (y[k] > 0f ? dh[k] : 0f);
            }
        }
        Gemm.zeroRows(dhRun, n, hid);
        Gemm.multAdd(dGi, n, g, wHh, hid, dhRun);
    }
}
