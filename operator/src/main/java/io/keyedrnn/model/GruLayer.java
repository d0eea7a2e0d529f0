package io.keyedrnn.model;

/**
 * GRU layer in PyTorch's form, gate order r, z, n; the reset gate multiplies {@code W_hn h + b_hn};
 * the gate math is {@link GruCell}'s.
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
        GruCell.gates(gi, gh, h);
        GruCell.update(gi, state, off, state, off, h);
    }
}
