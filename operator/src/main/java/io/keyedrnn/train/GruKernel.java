package io.keyedrnn.train;

import io.keyedrnn.model.Activations;
import io.keyedrnn.model.CellKind;

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
            float[] pr = ph[b];
            for (int k = 0; k < 2 * hid; k++) {
                gr[k] += pr[k];
            }
            Activations.sigmoid(gr, 0, 2 * hid);
            float[] hnr = hn[base + b];
            for (int k = 0; k < hid; k++) {
                float hnk = pr[2 * hid + k];
                hnr[k] = hnk;
                gr[2 * hid + k] += gr[k] * hnk;
            }
            Activations.tanh(gr, 2 * hid, hid);
            float[] hPrev = h[base + b];
            float[] hNext = h[base + maxRows + b];
            for (int k = 0; k < hid; k++) {
                float z = gr[hid + k];
                hNext[k] = (1f - z) * gr[2 * hid + k] + z * hPrev[k];
            }
        }
    }

    @Override
    protected void stepBackward(int t, int n) {
        int base = t * maxRows;
        for (int b = 0; b < n; b++) {
            totalDh(t, b, dh);
            float[] gr = gates[base + b];
            float[] hnr = hn[base + b];
            float[] hPrev = h[base + b];
            float[] di = dGi[b];
            float[] dhh = dGh[b];
            float[] run = dhRun[b];
            for (int k = 0; k < hid; k++) {
                float r = gr[k];
                float z = gr[hid + k];
                float nk = gr[2 * hid + k];
                float dan = dh[k] * (1f - z) * (1f - nk * nk);
                float dar = dan * hnr[k] * r * (1f - r);
                float daz = dh[k] * (hPrev[k] - nk) * z * (1f - z);
                di[k] = dar;
                di[hid + k] = daz;
                di[2 * hid + k] = dan;
                dhh[k] = dar;
                dhh[hid + k] = daz;
                dhh[2 * hid + k] = dan * r;
                run[k] = dh[k] * z;
            }
        }
        Gemm.multAdd(dGh, n, g, wHh, hid, dhRun);
    }
}
