package io.keyedrnn.model;

/**
 * GRU layer in PyTorch's form, gate order r, z, n; the reset gate multiplies {@code W_hn h + b_hn}.
 *
 * <pre>
 * r = σ(W_ir x + b_ir + W_hr h + b_hr)    z = σ(W_iz x + b_iz + W_hz h + b_hz)
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 * h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 */
public final class GruLayer extends RecurrentLayer {

    GruLayer(int in, int hidden, float[] wIh, float[] wHh, float[] bIh, float[] bHh) {
        super(CellKind.GRU, in, hidden, wIh, wHh, bIh, bHh);
    }

    @Override
    public void step(float[] x, int xOff, float[] state, int off, Workspace ws) {
        int h = hiddenSize;
        float[] gi = ws.gates;
        float[] gh = ws.aux;
        inputProjection(x, xOff, gi);
        hiddenProjection(state, off, gh);
        for (int k = 0; k < 2 * h; k++) {
            gi[k] += gh[k];
        }
        Activations.sigmoid(gi, 0, 2 * h);
        for (int k = 0; k < h; k++) {
            gi[2 * h + k] += gi[k] * gh[2 * h + k];
        }
        Activations.tanh(gi, 2 * h, h);
        updateHidden(gi, state, off, h);
    }

    /** h' = (1 − z) ⊙ n + z ⊙ h with z at g[H, 2H) and n at g[2H, 3H). Modified: state. */
    static void updateHidden(float[] g, float[] state, int off, int h) {
        for (int k = 0; k < h; k++) {
            float z = g[h + k];
            float n = g[2 * h + k];
            state[off + k] = (1f - z) * n + z * state[off + k];
        }
    }
}
