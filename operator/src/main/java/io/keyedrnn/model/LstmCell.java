package io.keyedrnn.model;

/**
 * The LSTM's pointwise gate math, forward and backward: the one copy serving and training call.
 *
 * <p>Gate order i, f, g, o as PyTorch; the caller computes the pre-activations {@code W_ih x + W_hh
 * h + b} into one row of 4H.
 *
 * <pre>
 * forward:  i, f, o = σ(·)   g = tanh(·)   c' = f ⊙ c + i ⊙ g   h' = o ⊙ tanh(c')
 * backward: dc = dc' + dh'·o·(1 − tanh²c')   do = dh'·tanh c'   di = dc·g   dg = dc·i
 *           df = dc·c   dc_prev = dc·f       (dh_prev = dG·W_hh is the caller's product)
 * </pre>
 */
public final class LstmCell {
    private LstmCell() {}

    /** Applies σ to i, f, o and tanh to g of the pre-activations g[0, 4H). Modified: g. */
    public static void activate(float[] g, int h) {
        Activations.lstmGates(g, h);
    }

    /**
     * From the activated gates g[0, 4H) and c = c[cOff, cOff+H): writes c' to cOut[cOutOff..],
     * tanh(c') to tc[0, H) and h' to hOut[hOff..]. cOut may be the same slice as c. Modified: cOut,
     * tc, hOut. Not modified: g.
     */
    public static void update(
            float[] g,
            float[] c,
            int cOff,
            float[] cOut,
            int cOutOff,
            float[] tc,
            float[] hOut,
            int hOff,
            int h) {
        VectorOps.mulAddMul(g, h, c, cOff, g, 0, g, 2 * h, cOut, cOutOff, h); // c' = f⊙c + i⊙g
        System.arraycopy(cOut, cOutOff, tc, 0, h);
        Activations.tanh(tc, 0, h);
        VectorOps.mul(g, 3 * h, tc, 0, hOut, hOff, h); // h' = o ⊙ tanh(c')
    }

    /**
     * Gate gradients of one step: from the activated gates g, tanh(c') tc, the previous cell state
     * cPrev and the total dL/dh' dh, writes dL/d(pre-activations) to dGates[0, 4H) and replaces the
     * running dL/dc' in dcRun by dL/dc. Modified: dGates, dcRun. Not modified: g, tc, cPrev, dh.
     */
    public static void backward(
            float[] g,
            float[] tc,
            float[] cPrev,
            float[] dh,
            float[] dcRun,
            float[] dGates,
            int h) {
        for (int k = 0; k < h; k++) {
            float i = g[k];
            float f = g[h + k];
            float gg = g[2 * h + k];
            float o = g[3 * h + k];
            float tck = tc[k];
            float dc = dcRun[k] + dh[k] * o * (1f - tck * tck);
            dcRun[k] = dc * f;
            dGates[k] = dc * gg * i * (1f - i);
            dGates[h + k] = dc * cPrev[k] * f * (1f - f);
            dGates[2 * h + k] = dc * i * (1f - gg * gg);
            dGates[3 * h + k] = dh[k] * tck * o * (1f - o);
        }
    }
}
