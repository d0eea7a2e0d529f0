package io.keyedrnn.train;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.GruCell;
import io.keyedrnn.model.GruChoCell;

/**
 * GRU in Cho's form forward and backward over a chunk: the products and buffers; the gate math is
 * {@link GruChoCell}'s, as in {@link io.keyedrnn.model.GruChoLayer}.
 */
final class GruChoKernel extends LayerKernel {

    /** r ⊙ h per step and row: the input of W_hn. */
    private final float[][] rh;

    private final float[][][] rhAt;

    /** W_h{r,z}ᵀ (hid rows of 2H) and W_hnᵀ (hid rows of hid), kept apart for the products. */
    private final float[][] wHrzT;

    private final float[][] wHnT;

    /** W_h{r,z} h of one step, and W_hn (r ⊙ h). */
    private final float[][] ph;

    private final float[][] pn;

    /** da_n of one step (a copy, as products take whole rows), then d(r ⊙ h). */
    private final float[][] dan;

    private final float[][] drh;

    /** Rows 2H..3H of W_hh (W_hn), sharing the rows of {@link #wHh}. */
    private final float[][] wHn;

    private final float[] dh;

    GruChoKernel(int layer, Parameters layout, int maxRows, int maxSteps) {
        super(CellKind.GRU_CHO, layer, layout, maxRows, maxSteps);
        rh = Gemm.rows(maxSteps * maxRows, hid);
        rhAt = Gemm.views(rh, maxRows);
        wHrzT = Gemm.rows(hid, 2 * hid);
        wHnT = Gemm.rows(hid, hid);
        ph = Gemm.rows(maxRows, 2 * hid);
        pn = Gemm.rows(maxRows, hid);
        dan = Gemm.rows(maxRows, hid);
        drh = Gemm.rows(maxRows, hid);
        wHn = java.util.Arrays.copyOfRange(wHh, 2 * hid, 3 * hid);
        dh = new float[hid];
    }

    @Override
    protected boolean inputBiasFirst() {
        return true;
    }

    @Override
    void refresh(float[] p) {
        super.refresh(p);
        Gemm.transpose(p, wHhOffset(), 2 * hid, hid, wHrzT);
        Gemm.transpose(p, wHhOffset() + 2 * hid * hid, hid, hid, wHnT);
    }

    @Override
    protected void stepForward(int t, int n) {
        int base = t * maxRows;
        int h2 = 2 * hid;
        Gemm.zeroRows(ph, n, h2);
        Gemm.multAdd(hAt[t], n, hid, wHrzT, h2, ph);
        for (int b = 0; b < n; b++) {
            GruChoCell.resetUpdate(
                    gates[base + b], ph[b], biasHh, h[base + b], 0, rh[base + b], hid);
        }
        Gemm.zeroRows(pn, n, hid);
        Gemm.multAdd(rhAt[t], n, hid, wHnT, hid, pn);
        for (int b = 0; b < n; b++) {
            float[] gr = gates[base + b];
            GruChoCell.candidate(gr, pn[b], 0, biasHh, hid);
            GruCell.update(gr, h[base + b], 0, h[base + maxRows + b], 0, hid);
        }
    }

    @Override
    protected void stepBackward(int t, int n) {
        int base = t * maxRows;
        int h2 = 2 * hid;
        for (int b = 0; b < n; b++) {
            totalDh(t, b, dh);
            GruChoCell.backwardCandidate(
                    gates[base + b], h[base + b], dh, dGi[b], dan[b], dhRun[b], hid);
        }
        Gemm.zeroRows(drh, n, hid);
        Gemm.multAdd(dan, n, hid, wHn, hid, drh);
        for (int b = 0; b < n; b++) {
            GruChoCell.backwardReset(gates[base + b], h[base + b], drh[b], dGi[b], dhRun[b], hid);
        }
        Gemm.multAdd(dGi, n, h2, wHh, hid, dhRun);
    }

    @Override
    protected void accumulateHiddenWeights(int t, int n, float[][] dWhhT) {
        Gemm.multTransAAdd(hAt[t], n, hid, dGi, 0, 2 * hid, dWhhT);
        Gemm.multTransAAdd(rhAt[t], n, hid, dGi, 2 * hid, hid, dWhhT);
    }
}
