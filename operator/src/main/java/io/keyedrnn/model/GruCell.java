package io.keyedrnn.model;

/**
 * The GRU's pointwise gate math (PyTorch form, gates r, z, n), forward and backward: the one copy
 * serving and training call.
 *
 * <pre>
 * forward:  r, z = σ(gi + gh)   n = tanh(gi_n + r ⊙ gh_n)   h' = (1 − z) ⊙ n + z ⊙ h
 *           with gi = W_ih x + b_ih and gh = W_hh h + b_hh
 * backward: dn = dh'·(1 − z)   dz = dh'·(h − n)   da_n = dn·(1 − n²)   dr = da_n·gh_n
 *           input side [da_r, da_z, da_n]; hidden side [da_r, da_z, da_n·r]
 *           dh_prev = dh'·z + dG_h·W_hh (the product is the caller's)
 * </pre>
 */
public final class GruCell {
    private GruCell() {}

    /**
     * Turns gi[0, 3H) into the activated r, z, n, given gh[0, 3H). Modified: gi. Not modified: gh.
     */
    public static void gates(float[] gi, float[] gh, int h) {
        for (int k = 0; k < 2 * h; k++) {
            gi[k] += gh[k];
        }
        Activations.sigmoid(gi, 0, 2 * h);
        for (int k = 0; k < h; k++) {
            gi[2 * h + k] += gi[k] * gh[2 * h + k];
        }
        Activations.tanh(gi, 2 * h, h);
    }

    /**
     * h' = (1 − z) ⊙ n + z ⊙ h with z at g[H, 2H) and n at g[2H, 3H); h read from hPrev[pOff..], h'
     * written to hOut[oOff..], which may be the same slice. Modified: hOut. Not modified: g.
     */
    public static void update(float[] g, float[] hPrev, int pOff, float[] hOut, int oOff, int h) {
        for (int k = 0; k < h; k++) {
            float z = g[h + k];
            float n = g[2 * h + k];
            hOut[oOff + k] = (1f - z) * n + z * hPrev[pOff + k];
        }
    }

    /**
     * Gate gradients of one step from the activated gates g, gh_n = W_hn h + b_hn (hn), h and the
     * total dL/dh' dh: input side into dGi[0, 3H), hidden side into dGh[0, 3H), and dh'·z into
     * dhRun[0, H). Modified: dGi, dGh, dhRun. Not modified: g, hn, hPrev, dh.
     */
    public static void backward(
            float[] g,
            float[] hn,
            float[] hPrev,
            float[] dh,
            float[] dGi,
            float[] dGh,
            float[] dhRun,
            int h) {
        for (int k = 0; k < h; k++) {
            float r = g[k];
            float z = g[h + k];
            float nk = g[2 * h + k];
            float dan = dh[k] * (1f - z) * (1f - nk * nk);
            float dar = dan * hn[k] * r * (1f - r);
            float daz = dh[k] * (hPrev[k] - nk) * z * (1f - z);
            dGi[k] = dar;
            dGi[h + k] = daz;
            dGi[2 * h + k] = dan;
            dGh[k] = dar;
            dGh[h + k] = daz;
            dGh[2 * h + k] = dan * r;
            dhRun[k] = dh[k] * z;
        }
    }
}
