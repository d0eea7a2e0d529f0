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
        int h = hiddenSize;
        float[] g = ws.gates;
        bothProjections(biasSum, x, xOff, state, off, g);
        LstmCell.activate(g, h);
        LstmCell.update(g, state, off + h, state, off + h, ws.aux, state, off, h);
    }
}
