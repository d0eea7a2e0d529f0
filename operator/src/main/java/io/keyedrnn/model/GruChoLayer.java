package io.keyedrnn.model;

import java.util.Arrays;

/**
 * GRU layer in the original form of Cho et al. 2014 (ONNX {@code linear_before_reset=0}, Keras
 * {@code reset_after=False}): the reset gate multiplies h before the recurrent weights. The gate
 * math is {@link GruChoCell}'s.
 *
 * <pre>
 * r = σ(W_ir x + b_ir + W_hr h + b_hr)    z = σ(W_iz x + b_iz + W_hz h + b_hz)
 * n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)
 * h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 */
public final class GruChoLayer extends RecurrentLayer {

    GruChoLayer(int in, int hidden, float[] wIh, float[] wHh, float[] bIh, float[] bHh) {
        super(CellKind.GRU_CHO, in, hidden, wIh, wHh, bIh, bHh);
    }

    @Override
    public void step(float[] x, int xOff, float[] state, int off, Workspace ws) {
        int h = hiddenSize;
        float[] gi = ws.gates;
        float[] a = ws.aux;
        inputProjection(x, xOff, gi);
        Arrays.fill(a, 0, 2 * h, 0f);
        VectorOps.multAddColumns(weightHhCols, h, state, off, a, 0, 2 * h);
        GruChoCell.resetUpdate(gi, a, biasHh(), state, off, a, h);
        Arrays.fill(a, 2 * h, 3 * h, 0f);
        VectorOps.multAddColumns(weightHhCols, h, a, 0, a, 2 * h, h);
        GruChoCell.candidate(gi, a, 2 * h, biasHh(), h);
        GruCell.update(gi, state, off, state, off, h);
    }
}
