package io.keyedrnn.train;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.RnnCell;

/**
 * Elman RNN (tanh or relu) forward and backward over a chunk: the products and buffers; the
 * pointwise math is {@link RnnCell}'s, as in {@link io.keyedrnn.model.RnnLayer}.
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
            RnnCell.activate(tanh, gates[base + b], h[base + maxRows + b], 0, hid);
        }
    }

    @Override
    protected void stepBackward(int t, int n) {
        int base = t * maxRows;
        for (int b = 0; b < n; b++) {
            totalDh(t, b, dh);
            RnnCell.backward(tanh, h[base + maxRows + b], dh, dGi[b], hid);
        }
        Gemm.zeroRows(dhRun, n, hid);
        Gemm.multAdd(dGi, n, g, wHh, hid, dhRun);
    }
}
