package io.keyedrnn.train;

import io.keyedrnn.model.Activations;
import io.keyedrnn.model.CellKind;
import java.util.Arrays;

/**
 * GRU (PyTorch form, gates r, z, n) forward and backward over a chunk, as {@link
 * io.keyedrnn.model.GruLayer}.
 *
 * <pre>
 * backward: dn = dh'·(1 − z)   dz = dh'·(h − n)   da_n = dn·(1 − n²)   dr = da_n·(W_hn h + b_hn)
 *           input side [da_r, da_z, da_n]; hidden side [da_r, da_z, da_n·r]
 *           dh_prev = dh'·z + dG_h·W_hh
 * </pre>
 */
final class GruKernel extends LayerKernel {
    /** Input projection, then post-activation r, z, n per step. */
    private final float[] gates;

    /** W_hn h + b_hn per step, needed for dr. */
    private final float[] hn;

    /** Hidden projection W_hh h + b_hh of one step. */
    private final float[] ph;

    GruKernel(int layer, Parameters layout, int maxRows, int maxSteps) {
        super(CellKind.GRU, layer, layout, maxRows, maxSteps);
        gates = new float[maxSteps * maxRows * g];
        hn = new float[maxSteps * maxRows * hid];
        ph = new float[maxRows * g];
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
    protected float[] gateBuffer() {
        return gates;
    }

    @Override
    protected void stepForward(int t, int n, float[] p) {
        int base = t * maxRows;
        Arrays.fill(ph, 0, n * g, 0f);
        Gemm.multAdd(h, hAt(t, 0), hid, n, hid, wHhT, 0, g, g, ph, 0, g);
        addRows(biasHh, 0, ph, 0, g, n, g);
        for (int b = 0; b < n; b++) {
            int gi = (base + b) * g;
            int pi = b * g;
            for (int k = 0; k < 2 * hid; k++) {
                gates[gi + k] += ph[pi + k];
            }
            Activations.sigmoid(gates, gi, 2 * hid);
            int hnOff = (base + b) * hid;
            for (int k = 0; k < hid; k++) {
                float hnk = ph[pi + 2 * hid + k];
                hn[hnOff + k] = hnk;
                gates[gi + 2 * hid + k] += gates[gi + k] * hnk;
            }
            Activations.tanh(gates, gi + 2 * hid, hid);
            int prev = hAt(t, b);
            int next = hAt(t + 1, b);
            for (int k = 0; k < hid; k++) {
                float z = gates[gi + hid + k];
                float nk = gates[gi + 2 * hid + k];
                h[next + k] = (1f - z) * nk + z * h[prev + k];
            }
        }
    }

    @Override
    protected void stepBackward(int t, int n, float[] p) {
        int base = t * maxRows;
        for (int b = 0; b < n; b++) {
            int gi = (base + b) * g;
            int hnOff = (base + b) * hid;
            int prev = hAt(t, b);
            int d = b * g;
            for (int k = 0; k < hid; k++) {
                float dh = dhAt(t, b, k);
                float r = gates[gi + k];
                float z = gates[gi + hid + k];
                float nk = gates[gi + 2 * hid + k];
                float dan = dh * (1f - z) * (1f - nk * nk);
                float dar = dan * hn[hnOff + k] * r * (1f - r);
                float daz = dh * (h[prev + k] - nk) * z * (1f - z);
                dGi[d + k] = dar;
                dGi[d + hid + k] = daz;
                dGi[d + 2 * hid + k] = dan;
                dGh[d + k] = dar;
                dGh[d + hid + k] = daz;
                dGh[d + 2 * hid + k] = dan * r;
                dhRun[b * hid + k] = dh * z;
            }
        }
        Gemm.multAdd(dGh, 0, g, n, g, p, wHhOffset(), hid, hid, dhRun, 0, hid);
    }
}
