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
        inputProjection(x, xOff, ws.gates);
        hiddenProjection(state, off, ws.aux);
        pointwise(ws.gates, ws.aux, state, off);
    }

    @Override
    void stepBatch(float[][] xs, int[] xOffs, float[][] states, int off, int n, BatchWorkspace ws) {
        inputProjections(xs, xOffs, ws.gates, n);
        hiddenProjections(states, off, ws.aux, n, ws);
        for (int b = 0; b < n; b++) {
            pointwise(ws.gates[b], ws.aux[b], states[b], off);
        }
    }

    private void pointwise(float[] gi, float[] gh, float[] state, int off) {
        GruCell.gates(gi, gh, hiddenSize);
        GruCell.update(gi, state, off, state, off, hiddenSize);
    }
}
