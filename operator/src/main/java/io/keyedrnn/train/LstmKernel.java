package io.keyedrnn.train;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.LstmCell;

/**
 * LSTM forward and backward over a chunk: the products and buffers; the gate math is {@link
 * LstmCell}'s, as in {@link io.keyedrnn.model.LstmLayer}.
 */
final class LstmKernel extends LayerKernel {

    /** Cell state per slot and row, like h. */
    private final float[][] c;

    /** tanh(c') per step and row. */
    private final float[][] tc;

    private final float[][] dcRun;
    private final float[] dh;

    LstmKernel(int layer, Parameters layout, int maxRows, int maxSteps) {
        super(CellKind.LSTM, layer, layout, maxRows, maxSteps);
        c = Gemm.rows((maxSteps + 1) * maxRows, hid);
        tc = Gemm.rows(maxSteps * maxRows, hid);
        dcRun = Gemm.rows(maxRows, hid);
        dh = new float[hid];
    }

    @Override
    protected boolean inputBiasFirst() {
        return false;
    }

    @Override
    void resetState() {
        super.resetState();
        Gemm.zeroRows(c, maxRows, hid);
    }

    @Override
    void carryState(int steps) {
        super.carryState(steps);
        copySlot(c, steps, 0);
    }

    @Override
    int copyState(int slot, int b, float[] dst, int off) {
        int end = super.copyState(slot, b, dst, off);
        System.arraycopy(c[slot * maxRows + b], 0, dst, end, hid);
        return end + hid;
    }

    @Override
    protected void carryRows(int t, int n) {
        super.carryRows(t, n);
        for (int b = n; b < maxRows; b++) {
            System.arraycopy(c[t * maxRows + b], 0, c[(t + 1) * maxRows + b], 0, hid);
        }
    }

    @Override
    protected void stepForward(int t, int n) {
        int base = t * maxRows;
        Gemm.multAdd(hAt[t], n, hid, wHhT, g, gatesAt[t]);
        Gemm.addToRows(biasSum, g, gatesAt[t], n);
        for (int b = 0; b < n; b++) {
            float[] gr = gates[base + b];
            LstmCell.activate(gr, hid);
            LstmCell.update(
                    gr,
                    c[base + b],
                    0,
                    c[base + maxRows + b],
                    0,
                    tc[base + b],
                    h[base + maxRows + b],
                    0,
                    hid);
        }
    }

    @Override
    protected void resetBackwardCarry() {
        Gemm.zeroRows(dcRun, maxRows, hid);
    }

    @Override
    protected void stepBackward(int t, int n) {
        int base = t * maxRows;
        for (int b = 0; b < n; b++) {
            totalDh(t, b, dh);
            LstmCell.backward(
                    gates[base + b], tc[base + b], c[base + b], dh, dcRun[b], dGi[b], hid);
        }
        Gemm.zeroRows(dhRun, n, hid);
        Gemm.multAdd(dGi, n, g, wHh, hid, dhRun);
    }
}
