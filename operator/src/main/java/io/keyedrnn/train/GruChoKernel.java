package io.keyedrnn.train;

import io.keyedrnn.model.Activations;
import io.keyedrnn.model.CellKind;
import java.util.Arrays;

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
    /** Input projection, then post-activation r, z, n per step. */
    private final float[] gates;

    /** r ⊙ h per step: the input of W_hn. */
    private final float[] rh;

    /** W_h{r,z} h of one step (2H per row). */
    private final float[] ph;

    /** d(r ⊙ h) of one step. */
    private final float[] drh;

    /** W_hn (r ⊙ h) of one step. */
    private final float[] pn;

    GruChoKernel(int layer, Parameters layout, int maxRows, int maxSteps) {
        super(CellKind.GRU_CHO, layer, layout, maxRows, maxSteps);
        gates = new float[maxSteps * maxRows * g];
        rh = new float[maxSteps * maxRows * hid];
        ph = new float[maxRows * 2 * hid];
        drh = new float[maxRows * hid];
        pn = new float[maxRows * hid];
    }

    @Override
    protected boolean inputBiasFirst() {
        return true;
    }

    @Override
    protected float[] gateBuffer() {
        return gates;
    }

    @Override
    protected void stepForward(int t, int n, float[] p) {
        int base = t * maxRows;
        int h2 = 2 * hid;
        Arrays.fill(ph, 0, n * h2, 0f);
        Gemm.multAdd(h, hAt(t, 0), hid, n, hid, wHhT, 0, g, h2, ph, 0, h2);
        for (int b = 0; b < n; b++) {
            int gi = (base + b) * g;
            for (int k = 0; k < h2; k++) {
                gates[gi + k] += ph[b * h2 + k] + biasHh[k];
            }
            Activations.sigmoid(gates, gi, h2);
            int prev = hAt(t, b);
            int rhOff = (base + b) * hid;
            for (int k = 0; k < hid; k++) {
                rh[rhOff + k] = gates[gi + k] * h[prev + k];
            }
        }
        Arrays.fill(pn, 0, n * hid, 0f);
        Gemm.multAdd(rh, base * hid, hid, n, hid, wHhT, h2, g, hid, pn, 0, hid);
        for (int b = 0; b < n; b++) {
            int gi = (base + b) * g;
            for (int k = 0; k < hid; k++) {
                gates[gi + h2 + k] += pn[b * hid + k] + biasHh[h2 + k];
            }
            Activations.tanh(gates, gi + h2, hid);
            int prev = hAt(t, b);
            int next = hAt(t + 1, b);
            for (int k = 0; k < hid; k++) {
                float z = gates[gi + hid + k];
                float nk = gates[gi + h2 + k];
                h[next + k] = (1f - z) * nk + z * h[prev + k];
            }
        }
    }

    @Override
    protected void stepBackward(int t, int n, float[] p) {
        int base = t * maxRows;
        int h2 = 2 * hid;
        for (int b = 0; b < n; b++) {
            int gi = (base + b) * g;
            int prev = hAt(t, b);
            int d = b * g;
            for (int k = 0; k < hid; k++) {
                float dh = dhAt(t, b, k);
                float z = gates[gi + hid + k];
                float nk = gates[gi + h2 + k];
                dGi[d + h2 + k] = dh * (1f - z) * (1f - nk * nk);
                dGi[d + hid + k] = dh * (h[prev + k] - nk) * z * (1f - z);
                dhRun[b * hid + k] = dh * z;
            }
        }
        Arrays.fill(drh, 0, n * hid, 0f);
        int wHn = wHhOffset() + h2 * hid;
        Gemm.multAdd(dGi, h2, g, n, hid, p, wHn, hid, hid, drh, 0, hid);
        for (int b = 0; b < n; b++) {
            int gi = (base + b) * g;
            int prev = hAt(t, b);
            int d = b * g;
            for (int k = 0; k < hid; k++) {
                float r = gates[gi + k];
                float dr = drh[b * hid + k];
                dGi[d + k] = dr * h[prev + k] * r * (1f - r);
                dhRun[b * hid + k] += dr * r;
            }
        }
        Gemm.multAdd(dGi, 0, g, n, h2, p, wHhOffset(), hid, hid, dhRun, 0, hid);
    }

    @Override
    protected void accumulateHiddenWeights(int t, int n, float[] dWhhT) {
        int h2 = 2 * hid;
        Gemm.multTransAAdd(h, hAt(t, 0), hid, n, hid, dGi, 0, g, h2, dWhhT, 0, g);
        Gemm.multTransAAdd(rh, t * maxRows * hid, hid, n, hid, dGi, h2, g, hid, dWhhT, h2, g);
    }
}
