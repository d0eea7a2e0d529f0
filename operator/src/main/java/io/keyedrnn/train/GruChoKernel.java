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
    /** Input projection, then post-activation r, z, n per step and row. */
    private final float[][] gates;

    /** r ⊙ h per step and row: the input of W_hn. */
    private final float[][] rh;

    /** W_h{r,z}ᵀ (hid rows of 2H) and W_hnᵀ (hid rows of hid), kept apart for the products. */
    private final float[][] wHrzT;

    private final float[][] wHnT;

    /** W_h{r,z} h of one step, and W_hn (r ⊙ h). */
    private final float[][] ph;

    private final float[][] pn;

    /** d(r ⊙ h) of one step. */
    private final float[][] drh;

    private final float[] dh;

    GruChoKernel(int layer, Parameters layout, int maxRows, int maxSteps) {
        super(CellKind.GRU_CHO, layer, layout, maxRows, maxSteps);
        gates = Gemm.rows(maxSteps * maxRows, g);
        rh = Gemm.rows(maxSteps * maxRows, hid);
        wHrzT = Gemm.rows(hid, 2 * hid);
        wHnT = Gemm.rows(hid, hid);
        ph = Gemm.rows(maxRows, 2 * hid);
        pn = Gemm.rows(maxRows, hid);
        drh = Gemm.rows(maxRows, hid);
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
    protected float[][] gateBuffer() {
        return gates;
    }

    @Override
    protected void stepForward(int t, int n) {
        int base = t * maxRows;
        int h2 = 2 * hid;
        Gemm.zeroRows(ph, 0, n, h2);
        Gemm.multAdd(h, base, 0, n, hid, wHrzT, 0, h2, ph, 0);
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
        Gemm.zeroRows(pn, 0, n, hid);
        Gemm.multAdd(rh, base, 0, n, hid, wHnT, 0, hid, pn, 0);
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
                d[h2 + k] = dh[k] * (1f - z) * (1f - nk * nk);
                d[hid + k] = dh[k] * (hPrev[k] - nk) * z * (1f - z);
                run[k] = dh[k] * z;
            }
        }
        Gemm.zeroRows(drh, 0, n, hid);
        Gemm.multAdd(dGi, 0, h2, n, hid, wHh, h2, hid, drh, 0);
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
        Gemm.multAdd(dGi, 0, 0, n, h2, wHh, 0, hid, dhRun, 0);
    }

    @Override
    protected void accumulateHiddenWeights(int t, int n, float[][] dWhhT) {
        int base = t * maxRows;
        Gemm.multTransAAdd(h, base, n, hid, dGi, 0, 0, 2 * hid, dWhhT);
        Gemm.multTransAAdd(rh, base, n, hid, dGi, 0, 2 * hid, hid, dWhhT);
    }
}
