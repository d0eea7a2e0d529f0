package io.keyedrnn.model;

/**
 * The pointwise gate math of the GRU in Cho's form (r multiplies h before W_hn), forward and
 * backward: the one copy serving and training call. The two matrix products (W_h{r,z} h, then W_hn
 * (r ⊙ h)) are the caller's, between {@link #resetUpdate} and {@link #candidate}.
 *
 * <pre>
 * forward:  r, z = σ(gi + W_h{r,z} h + b_h{r,z})   n = tanh(gi_n + W_hn (r ⊙ h) + b_hn)
 *           h' = (1 − z) ⊙ n + z ⊙ h                with gi = W_ih x + b_ih
 * backward: dn = dh'·(1 − z)   dz = dh'·(h − n)   da_n = dn·(1 − n²)   d(r⊙h) = da_n·W_hn
 *           dr = d(r⊙h)·h      dh_prev = dh'·z + d(r⊙h)·r + [da_r, da_z]·W_h{r,z}
 * </pre>
 */
public final class GruChoCell {
    private GruChoCell() {}

    /**
     * gi[0, 2H) += a[0, 2H) + bHh[0, 2H), then σ; writes r ⊙ h (h at hPrev[pOff..]) to rh[0, H),
     * which may be a. Modified: gi, rh. Not modified: bHh, hPrev.
     */
    public static void resetUpdate(
            float[] gi, float[] a, float[] bHh, float[] hPrev, int pOff, float[] rh, int h) {
        for (int k = 0; k < 2 * h; k++) {
            gi[k] += a[k] + bHh[k];
        }
        Activations.sigmoid(gi, 0, 2 * h);
        for (int k = 0; k < h; k++) {
            rh[k] = gi[k] * hPrev[pOff + k];
        }
    }

    /** gi[2H, 3H) += pn[pnOff, pnOff+H) + bHh[2H, 3H), then tanh. Modified: gi. */
    public static void candidate(float[] gi, float[] pn, int pnOff, float[] bHh, int h) {
        int h2 = 2 * h;
        for (int k = 0; k < h; k++) {
            gi[h2 + k] += pn[pnOff + k] + bHh[h2 + k];
        }
        Activations.tanh(gi, h2, h);
    }

    /**
     * First half of the backward step: da_n into dGates[2H, 3H) and dan[0, H), dz's gate gradient
     * into dGates[H, 2H), dh'·z into dhRun[0, H). Modified: dGates, dan, dhRun.
     */
    public static void backwardCandidate(
            float[] g,
            float[] hPrev,
            float[] dh,
            float[] dGates,
            float[] dan,
            float[] dhRun,
            int h) {
        int h2 = 2 * h;
        for (int k = 0; k < h; k++) {
            float z = g[h + k];
            float nk = g[h2 + k];
            float da = dh[k] * (1f - z) * (1f - nk * nk);
            dGates[h2 + k] = da;
            dan[k] = da;
            dGates[h + k] = dh[k] * (hPrev[k] - nk) * z * (1f - z);
            dhRun[k] = dh[k] * z;
        }
    }

    /**
     * Second half, after the caller's d(r⊙h) = da_n·W_hn in drh: dr's gate gradient into dGates[0,
     * H) and d(r⊙h)·r added to dhRun. Modified: dGates, dhRun.
     */
    public static void backwardReset(
            float[] g, float[] hPrev, float[] drh, float[] dGates, float[] dhRun, int h) {
        for (int k = 0; k < h; k++) {
            float r = g[k];
            dGates[k] = drh[k] * hPrev[k] * r * (1f - r);
            dhRun[k] += drh[k] * r;
        }
    }
}
