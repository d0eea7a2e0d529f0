package io.keyedrnn.train;

import io.keyedrnn.model.Activations;
import io.keyedrnn.model.CellKind;

/**
 * LSTM forward and backward over a chunk, gate order i, f, g, o as {@link
 * io.keyedrnn.model.LstmLayer}.
 *
 * <pre>
 * backward: dc = dc' + dh'·o·(1 − tanh²c')   do = dh'·tanh c'   di = dc·g   dg = dc·i
 *           df = dc·c   dc_prev = dc·f        dh_prev = dG·W_hh
 * </pre>
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
            Activations.sigmoid(gr, 0, 2 * hid);
            Activations.tanh(gr, 2 * hid, hid);
            Activations.sigmoid(gr, 3 * hid, hid);
            float[] cPrev = c[base + b];
            float[] cNext = c[base + maxRows + b];
            float[] tcr = tc[base + b];
            for (int k = 0; k < hid; k++) {
                float cNew = gr[hid + k] * cPrev[k] + gr[k] * gr[2 * hid + k];
                cNext[k] = cNew;
                tcr[k] = cNew;
            }
            Activations.tanh(tcr, 0, hid);
            float[] hNext = h[base + maxRows + b];
            for (int k = 0; k < hid; k++) {
                hNext[k] = gr[3 * hid + k] * tcr[k];
            }
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
            float[] gr = gates[base + b];
            float[] tcr = tc[base + b];
            float[] cPrev = c[base + b];
            float[] dcr = dcRun[b];
            float[] d = dGi[b];
            for (int k = 0; k < hid; k++) {
                float i = gr[k];
                float f = gr[hid + k];
                float gg = gr[2 * hid + k];
                float o = gr[3 * hid + k];
                float tck = tcr[k];
                float dc = dcr[k] + dh[k] * o * (1f - tck * tck);
                dcr[k] = dc * f;
                d[k] = dc * gg * i * (1f - i);
                d[hid + k] = dc * cPrev[k] * f * (1f - f);
                d[2 * hid + k] = dc * i * (1f - gg * gg);
                d[3 * hid + k] = dh[k] * tck * o * (1f - o);
            }
        }
        Gemm.zeroRows(dhRun, n, hid);
        Gemm.multAdd(dGi, n, g, wHh, hid, dhRun);
    }
}
