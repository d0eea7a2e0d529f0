package io.keyedrnn.train;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.GruCell;

/**
 * GRU (PyTorch form) forward and backward over a chunk: the products and buffers; the gate math is
 * {@link GruCell}'s, as in {@link io.keyedrnn.model.GruLayer}.
 */
final class GruKernel extends LayerKernel {

    /** W_hn h + b_hn per step and row, needed for dr. */
    private final float[][] hn;

    /** Hidden projection W_hh h + b_hh of one step. */
    private final float[][] ph;

    private final float[] dh;

    GruKernel(int layer, Parameters layout, int maxRows, int maxSteps) {
        super(CellKind.GRU, layer, layout, maxRows, maxSteps);
        hn = Gemm.rows(maxSteps * maxRows, hid);
        ph = Gemm.rows(maxRows, g);
        dh = new float[hid];
    }

    @Override
    protected boolean separateHiddenGateGradient() {
        return true;
    }

    @Override
    protected boolean inputBiasFirst() {
        return true;
    }

    @Override
    protected void stepForward(int t, int n) {
        int base = t * maxRows;
        Gemm.zeroRows(ph, n, g);
        Gemm.multAdd(hAt[t], n, hid, wHhT, g, ph);
        Gemm.addToRows(biasHh, g, ph, n);
        for (int b = 0; b < n; b++) {
            float[] gr = gates[base + b];
            System.arraycopy(ph[b], 2 * hid, hn[base + b], 0, hid);
            GruCell.gates(gr, ph[b], hid);
            GruCell.update(gr, h[base + b], 0, h[base + maxRows + b], 0, hid);
        }
    }

    @Override
    protected void stepBackward(int t, int n) {
        int base = t * maxRows;
        for (int b = 0; b < n; b++) {
            totalDh(t, b, dh);
            GruCell.backward(
                    gates[base + b], hn[base + b], h[base + b], dh, dGi[b], dGh[b], dhRun[b], hid);
        }
        Gemm.multAdd(dGh, n, g, wHh, hid, dhRun);
    }
}
