package io.keyedrnn.train;

import io.keyedrnn.model.Activations;
import io.keyedrnn.model.CellKind;

/**
 * GRU in Cho's form (r multiplies h before W_hn) forward and backward over a chunk, as {@link
 * io.keyedrnn.model.GruChoLayer}.
 *
 * <pre>
 * backward: dn = dh'·(1 − z)   dz = dh'·(h − n)   da_n = dn·(1 − n²)   d(r⊙h) = da_n·W_hn
 *           dr = d(r⊙h)·h      dh_prev = dh'·z + d(r⊙h)·r + [da_r, da_z]·W_h{r,z}
 * </pre>
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
            float[] gr = gates[base + b];
            float[] pr = ph[b];
            for (int k = 0; k < h2; k++) {
                gr[k] += pr[k] + biasHh[k];
            }
            Activations.sigmoid(gr, 0, h2);
            float[] hPrev = h[base + b];
            float[] rhr = rh[base + b];
            for (int k = 0; k < hid; k++) {
                rhr[k] = gr[k] * hPrev[k];
            }
        }
        Gemm.zeroRows(pn, n, hid);
        Gemm.multAdd(rhAt[t], n, hid, wHnT, hid, pn);
        for (int b = 0; b < n; b++) {
            float[] gr = gates[base + b];
            float[] pr = pn[b];
            for (int k = 0; k < hid; k++) {
                gr[h2 + k] += pr[k] + biasHh[h2 + k];
            }
            Activations.tanh(gr, h2, hid);
            float[] hPrev = h[base + b];
            float[] hNext = h[base + maxRows + b];
            for (int k = 0; k < hid; k++) {
                float z = gr[hid + k];
                hNext[k] = (1f - z) * gr[h2 + k] + z * hPrev[k];
            }
        }
    }

    @Override
    protected void stepBackward(int t, int n) {
        int base = t * maxRows;
        int h2 = 2 * hid;
        for (int b = 0; b < n; b++) {
            totalDh(t, b, dh);
            float[] gr = gates[base + b];
            float[] hPrev = h[base + b];
            float[] d = dGi[b];
            float[] run = dhRun[b];
            for (int k = 0; k < hid; k++) {
                float z = gr[hid + k];
                float nk = gr[h2 + k];
                float da = dh[k] * (1f - z) * (1f - nk * nk);
                d[h2 + k] = da;
                dan[b][k] = da;
                d[hid + k] = dh[k] * (hPrev[k] - nk) * z * (1f - z);
                run[k] = dh[k] * z;
            }
        }
        Gemm.zeroRows(drh, n, hid);
        Gemm.multAdd(dan, n, hid, wHn, hid, drh);
        for (int b = 0; b < n; b++) {
            float[] gr = gates[base + b];
            float[] hPrev = h[base + b];
            float[] d = dGi[b];
            float[] dr = drh[b];
            float[] run = dhRun[b];
            for (int k = 0; k < hid; k++) {
                float r = gr[k];
                d[k] = dr[k] * hPrev[k] * r * (1f - r);
                run[k] += dr[k] * r;
            }
        }
        Gemm.multAdd(dGi, n, h2, wHh, hid, dhRun);
    }

    @Override
    protected void accumulateHiddenWeights(int t, int n, float[][] dWhhT) {
        Gemm.multTransAAdd(hAt[t], n, hid, dGi, 0, 2 * hid, dWhhT);
        Gemm.multTransAAdd(rhAt[t], n, hid, dGi, 2 * hid, hid, dWhhT);
    }
}
