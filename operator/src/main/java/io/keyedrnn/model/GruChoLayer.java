package io.keyedrnn.model;

/**
 * GRU layer in the original form of Cho et al. 2014 (ONNX {@code linear_before_reset=0}, Keras
 * {@code reset_after=False}): the reset gate multiplies h before the recurrent weights.
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
    public void step(float[] x, int xOff, float[] state, int off, float[] scratch) {
        int h = hiddenSize;
        int gh = gateRows;
        float[] bHh = biasHh();
        inputProjection(x, xOff, scratch, 0);
        System.arraycopy(bHh, 0, scratch, gh, 2 * h);
        VectorOps.multAddTransposed(weightHhT, gateRows, 0, h, 2 * h, state, off, scratch, gh);
        for (int k = 0; k < 2 * h; k++) {
            scratch[k] += scratch[gh + k];
        }
        Activations.sigmoid(scratch, 0, 2 * h);
        for (int k = 0; k < h; k++) {
            scratch[gh + k] = scratch[k] * state[off + k];
            scratch[2 * h + k] += bHh[2 * h + k];
        }
        VectorOps.multAddTransposed(weightHhT, gateRows, 2 * h, h, h, scratch, gh, scratch, 2 * h);
        Activations.tanh(scratch, 2 * h, h);
        GruLayer.updateHidden(scratch, state, off, h);
    }
}
