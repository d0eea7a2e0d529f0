package io.keyedrnn.model;

/**
 * LSTM layer, PyTorch gate order i, f, g, o; the gate math is {@link LstmCell}'s.
 *
 * <pre>
 * i = σ(W_ii x + b_ii + W_hi h + b_hi)    f = σ(W_if x + b_if + W_hf h + b_hf)
 * g = tanh(W_ig x + b_ig + W_hg h + b_hg) o = σ(W_io x + b_io + W_ho h + b_ho)
 * c' = f ⊙ c + i ⊙ g                      h' = o ⊙ tanh(c')
 * </pre>
 */
public final class LstmLayer extends RecurrentLayer {
    private final float[] biasSum;

    LstmLayer(int in, int hidden, float[] wIh, float[] wHh, float[] bIh, float[] bHh) {
        super(CellKind.LSTM, in, hidden, wIh, wHh, bIh, bHh);
        this.biasSum = VectorOps.add(bIh, bHh);
    }

    @Override
    public void step(float[] x, int xOff, float[] state, int off, Workspace ws) {
        bothProjections(biasSum, x, xOff, state, off, ws.gates);
        pointwise(ws.gates, ws.aux, state, off);
    }

    @Override
    void stepBatch(float[][] xs, int[] xOffs, float[][] states, int off, int n, BatchWorkspace ws) {
        bothProjections(biasSum, xs, xOffs, states, off, n, ws);
        for (int b = 0; b < n; b++) {
            pointwise(ws.gates[b], ws.aux[b], states[b], off);
        }
    }

    private void pointwise(float[] g, float[] tc, float[] state, int off) {
        int h = hiddenSize;
        LstmCell.activate(g, h);
        LstmCell.update(g, state, off + h, state, off + h, tc, state, off, h);
    }
}
