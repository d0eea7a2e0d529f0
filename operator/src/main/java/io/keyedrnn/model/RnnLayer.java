package io.keyedrnn.model;

/** Elman RNN layer: h' = act(W_ih x + b_ih + W_hh h + b_hh) with act tanh or relu. */
public final class RnnLayer extends RecurrentLayer {
    private final float[] biasSum;

    RnnLayer(
            CellKind kind, int in, int hidden, float[] wIh, float[] wHh, float[] bIh, float[] bHh) {
        super(checkKind(kind), in, hidden, wIh, wHh, bIh, bHh);
        this.biasSum = VectorOps.add(bIh, bHh);
    }

    private static CellKind checkKind(CellKind kind) {
        if (kind != CellKind.RNN_TANH && kind != CellKind.RNN_RELU) {
            throw new IllegalArgumentException("not an RNN kind: " + kind);
        }
        return kind;
    }

    @Override
    public void step(float[] x, int xOff, float[] state, int off, Workspace ws) {
        float[] g = ws.gates;
        bothProjections(biasSum, x, xOff, state, off, g);
        RnnCell.activate(kind() == CellKind.RNN_TANH, g, state, off, hiddenSize);
    }

    @Override
    void stepBatch(float[][] xs, int[] xOffs, float[][] states, int off, int n, BatchWorkspace ws) {
        bothProjections(biasSum, xs, xOffs, states, off, n, ws);
        boolean tanh = kind() == CellKind.RNN_TANH;
        for (int b = 0; b < n; b++) {
            RnnCell.activate(tanh, ws.gates[b], states[b], off, hiddenSize);
        }
    }
}
