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
        weightHhCols.multAdd(state, off, a, 0, 2 * h);
        GruChoCell.resetUpdate(gi, a, biasHh(), state, off, a, h);
        Arrays.fill(a, 2 * h, 3 * h, 0f);
        weightHhCols.multAdd(a, 0, a, 2 * h, h);
        GruChoCell.candidate(gi, a, 2 * h, biasHh(), h);
        GruCell.update(gi, state, off, state, off, h);
    }

    /** As {@link #step} for n keys: the r ⊙ h of each key feeds its own W_hn product. */
    @Override
    void stepBatch(float[][] xs, int[] xOffs, float[][] states, int off, int n, BatchWorkspace ws) {
        int h = hiddenSize;
        float[][] gi = ws.gates;
        float[][] a = ws.aux;
        inputProjections(xs, xOffs, gi, n);
        BatchOps.zero(a, 0, 2 * h, n);
        weightHhCols.multAddBatch(states, ws.sameOffsets(off, n), a, 0, 2 * h, n);
        for (int b = 0; b < n; b++) {
            GruChoCell.resetUpdate(gi[b], a[b], biasHh(), states[b], off, a[b], h);
        }
        BatchOps.zero(a, 2 * h, h, n);
        weightHhCols.multAddBatch(a, ws.sameOffsets(0, n), a, 2 * h, h, n);
        for (int b = 0; b < n; b++) {
            GruChoCell.candidate(gi[b], a[b], 2 * h, biasHh(), h);
            GruCell.update(gi[b], states[b], off, states[b], off, h);
        }
    }
}
