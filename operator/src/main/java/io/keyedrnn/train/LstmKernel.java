package io.keyedrnn.train;

import io.keyedrnn.model.Activations;
import io.keyedrnn.model.CellKind;
import java.util.Arrays;

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
    /** Post-activation gates per step: maxSteps × maxRows × 4H. */
    private final float[] gates;

    /** Cell state per slot, like h. */
    private final float[] c;

    /** tanh(c') per step. */
    private final float[] tc;

    private final float[] dcRun;

    LstmKernel(int layer, Parameters layout, int maxRows, int maxSteps) {
        super(CellKind.LSTM, layer, layout, maxRows, maxSteps);
        gates = new float[maxSteps * maxRows * g];
        c = new float[(maxSteps + 1) * maxRows * hid];
        tc = new float[maxSteps * maxRows * hid];
        dcRun = new float[maxRows * hid];
    }

    @Override
    protected boolean inputBiasFirst() {
        return false;
    }

    @Override
    protected float[] gateBuffer() {
        return gates;
    }

    @Override
    void resetState() {
        super.resetState();
        Arrays.fill(c, 0, maxRows * hid, 0f);
    }

    @Override
    void carryState(int steps) {
        super.carryState(steps);
        System.arraycopy(c, steps * maxRows * hid, c, 0, maxRows * hid);
    }

    @Override
    int copyState(int slot, int b, float[] dst, int off) {
        int end = super.copyState(slot, b, dst, off);
        System.arraycopy(c, hAt(slot, b), dst, end, hid);
        return end + hid;
    }

    @Override
    protected void carryRows(int t, int n) {
        super.carryRows(t, n);
        int from = (t * maxRows + n) * hid;
        System.arraycopy(c, from, c, from + maxRows * hid, (maxRows - n) * hid);
    }

    @Override
    protected void stepForward(int t, int n, float[] p) {
        int base = t * maxRows;
        Gemm.multAdd(h, hAt(t, 0), hid, n, hid, wHhT, 0, g, g, gates, base * g, g);
        addRows(biasSum, 0, gates, base * g, g, n, g);
        for (int b = 0; b < n; b++) {
            int gi = (base + b) * g;
            Activations.sigmoid(gates, gi, 2 * hid);
            Activations.tanh(gates, gi + 2 * hid, hid);
            Activations.sigmoid(gates, gi + 3 * hid, hid);
            int prev = hAt(t, b);
            int next = hAt(t + 1, b);
            int tcOff = (base + b) * hid;
            for (int k = 0; k < hid; k++) {
                float cNew =
                        gates[gi + hid + k] * c[prev + k] + gates[gi + k] * gates[gi + 2 * hid + k];
                c[next + k] = cNew;
                tc[tcOff + k] = cNew;
            }
            Activations.tanh(tc, tcOff, hid);
            for (int k = 0; k < hid; k++) {
                h[next + k] = gates[gi + 3 * hid + k] * tc[tcOff + k];
            }
        }
    }

    @Override
    protected void resetBackwardCarry() {
        Arrays.fill(dcRun, 0f);
    }

    @Override
    protected void stepBackward(int t, int n, float[] p) {
        int base = t * maxRows;
        for (int b = 0; b < n; b++) {
            int gi = (base + b) * g;
            int tcOff = (base + b) * hid;
            int prev = hAt(t, b);
            int d = b * g;
            for (int k = 0; k < hid; k++) {
                float dh = dhAt(t, b, k);
                float i = gates[gi + k];
                float f = gates[gi + hid + k];
                float gg = gates[gi + 2 * hid + k];
                float o = gates[gi + 3 * hid + k];
                float tck = tc[tcOff + k];
                float dc = dcRun[b * hid + k] + dh * o * (1f - tck * tck);
                dcRun[b * hid + k] = dc * f;
                dGi[d + k] = dc * gg * i * (1f - i);
                dGi[d + hid + k] = dc * c[prev + k] * f * (1f - f);
                dGi[d + 2 * hid + k] = dc * i * (1f - gg * gg);
                dGi[d + 3 * hid + k] = dh * tck * o * (1f - o);
            }
        }
        Arrays.fill(dhRun, 0, n * hid, 0f);
        Gemm.multAdd(dGi, 0, g, n, g, p, wHhOffset(), hid, hid, dhRun, 0, hid);
    }
}
