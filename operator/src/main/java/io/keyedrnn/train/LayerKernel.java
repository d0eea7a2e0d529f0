package io.keyedrnn.train;

import io.keyedrnn.model.CellKind;
import java.util.Arrays;

/**
 * One recurrent layer's forward and backward pass over a chunk of time steps for a batch of keys.
 *
 * <p>Buffers are time-major with a fixed stride of {@code maxRows} rows per step. Rows are keys
 * sorted by decreasing length, so at step t the active keys are the prefix {@code act[t]}; a
 * finished key's state is copied forward unchanged, which masks unequal lengths without per-element
 * masks. Slot 0 of {@link #h} is the state the chunk starts from (carried from the previous chunk,
 * detached); slot t+1 holds h after step t.
 */
abstract class LayerKernel {
    protected final int in;
    protected final int hid;
    protected final int g;
    protected final int maxRows;
    protected final int maxSteps;
    private final int wIhOff;
    private final int wHhOff;
    private final int bIhOff;
    private final int bHhOff;

    /** W_ihᵀ (in × g) and W_hhᵀ (hid × g): forward kernels read contiguous gate rows. */
    protected final float[] wIhT;

    protected final float[] wHhT;

    protected final float[] biasIh;
    protected final float[] biasHh;

    /** b_ih + b_hh, as the serving LSTM and RNN add it. */
    protected final float[] biasSum;

    /** h per slot: (maxSteps + 1) × maxRows × hid. */
    final float[] h;

    /** Loss gradient with respect to each step's output h, written by the caller. */
    final float[] dhOut;

    /** Running dL/dh flowing back from later steps, maxRows × hid. */
    protected final float[] dhRun;

    /** Gate gradients of one step: on the input side and on the hidden side. */
    protected final float[] dGi;

    protected final float[] dGh;
    private final float[] dWihT;
    private final float[] dWhhT;

    protected LayerKernel(CellKind kind, int layer, Parameters layout, int maxRows, int maxSteps) {
        Parameters.Tensor wi = layout.tensor("weight_ih_l" + layer);
        Parameters.Tensor wh = layout.tensor("weight_hh_l" + layer);
        this.in = wi.cols();
        this.hid = wh.cols();
        this.g = kind.gates() * hid;
        this.maxRows = maxRows;
        this.maxSteps = maxSteps;
        this.wIhOff = wi.offset();
        this.wHhOff = wh.offset();
        this.bIhOff = layout.tensor("bias_ih_l" + layer).offset();
        this.bHhOff = layout.tensor("bias_hh_l" + layer).offset();
        this.wIhT = new float[in * g];
        this.wHhT = new float[hid * g];
        this.biasIh = new float[g];
        this.biasHh = new float[g];
        this.biasSum = new float[g];
        this.h = new float[(maxSteps + 1) * maxRows * hid];
        this.dhOut = new float[maxSteps * maxRows * hid];
        this.dhRun = new float[maxRows * hid];
        this.dGi = new float[maxRows * g];
        this.dGh = separateHiddenGateGradient() ? new float[maxRows * g] : dGi;
        this.dWihT = new float[in * g];
        this.dWhhT = new float[hid * g];
    }

    static LayerKernel create(
            CellKind kind, int layer, Parameters layout, int maxRows, int maxSteps) {
        switch (kind) {
            case LSTM:
                return new LstmKernel(layer, layout, maxRows, maxSteps);
            case GRU:
                return new GruKernel(layer, layout, maxRows, maxSteps);
            case GRU_CHO:
                return new GruChoKernel(layer, layout, maxRows, maxSteps);
            case RNN_TANH:
            case RNN_RELU:
                return new RnnKernel(kind, layer, layout, maxRows, maxSteps);
            default:
                throw new IllegalArgumentException("no training kernel for " + kind);
        }
    }

    /** Whether dL/d(hidden-side pre-activations) differs from the input side (GRU's n gate). */
    protected boolean separateHiddenGateGradient() {
        return false;
    }

    /** Recomputes the derived weights after the parameters changed. Not modified: p. */
    void refresh(float[] p) {
        Gemm.transpose(p, wIhOff, g, in, wIhT);
        Gemm.transpose(p, wHhOff, g, hid, wHhT);
        for (int k = 0; k < g; k++) {
            biasIh[k] = p[bIhOff + k];
            biasHh[k] = p[bHhOff + k];
            biasSum[k] = biasIh[k] + biasHh[k];
        }
    }

    /**
     * Whether b_ih is added right after the input projection (GRU), rather than b_ih + b_hh after
     * the recurrent projection (LSTM, RNN). Either way the bias comes last, as in serving.
     */
    protected abstract boolean inputBiasFirst();

    /** Zeroes the start state of every row. */
    void resetState() {
        Arrays.fill(h, 0, maxRows * hid, 0f);
    }

    /** Makes the state after step {@code steps - 1} the start state of the next chunk. */
    void carryState(int steps) {
        System.arraycopy(h, steps * maxRows * hid, h, 0, maxRows * hid);
    }

    /** Copies row b's state in slot s (h, then c for LSTM) to dst[off..]; returns the end. */
    int copyState(int slot, int b, float[] dst, int off) {
        System.arraycopy(h, hAt(slot, b), dst, off, hid);
        return off + hid;
    }

    /**
     * Runs the chunk. x holds step t's input for row b at xOff + (t·maxRows + b)·in; act[t] rows
     * are active at step t. Modified: this layer's buffers. Not modified: x, p.
     */
    final void forward(float[] x, int xOff, int[] act, int steps, float[] p) {
        for (int t = 0; t < steps; t++) {
            int n = act[t];
            int base = t * maxRows;
            float[] gates = gateBuffer();
            Arrays.fill(gates, base * g, (base + n) * g, 0f);
            Gemm.multAdd(x, xOff + base * in, in, n, in, wIhT, 0, g, g, gates, base * g, g);
            if (inputBiasFirst()) {
                addRows(biasIh, 0, gates, base * g, g, n, g);
            }
        }
        for (int t = 0; t < steps; t++) {
            int n = act[t];
            stepForward(t, n, p);
            if (n < maxRows) {
                carryRows(t, n);
            }
        }
    }

    /** The time-major gate buffer the input projection writes into. */
    protected abstract float[] gateBuffer();

    /** Advances rows [0, n) by step t: reads slot t, writes slot t+1. */
    protected abstract void stepForward(int t, int n, float[] p);

    /** Copies the state of finished rows [n, maxRows) from slot t to slot t+1. */
    protected void carryRows(int t, int n) {
        int from = (t * maxRows + n) * hid;
        System.arraycopy(h, from, h, from + maxRows * hid, (maxRows - n) * hid);
    }

    /**
     * Back-propagates through the chunk, adding weight gradients into grad and, when dx is not
     * null, writing dL/dx for active rows in x's layout (from offset 0). The start state is
     * detached: no gradient flows into the previous chunk. Modified: grad, dx, scratch buffers. Not
     * modified: x, p, dhOut.
     */
    final void backward(
            float[] x, int xOff, int[] act, int steps, float[] p, float[] grad, float[] dx) {
        Arrays.fill(dhRun, 0f);
        resetBackwardCarry();
        Arrays.fill(dWihT, 0f);
        Arrays.fill(dWhhT, 0f);
        for (int t = steps - 1; t >= 0; t--) {
            int n = act[t];
            if (n == 0) {
                continue;
            }
            int base = t * maxRows;
            stepBackward(t, n, p);
            Gemm.multTransAAdd(x, xOff + base * in, in, n, in, dGi, 0, g, g, dWihT, 0, g);
            Gemm.addColumnSums(dGi, 0, g, n, g, grad, bIhOff);
            accumulateHiddenWeights(t, n, dWhhT);
            Gemm.addColumnSums(dGh, 0, g, n, g, grad, bHhOff);
            if (dx != null) {
                Arrays.fill(dx, base * in, (base + n) * in, 0f);
                Gemm.multAdd(dGi, 0, g, n, g, p, wIhOff, in, in, dx, base * in, in);
            }
        }
        Gemm.addTransposed(dWihT, in, g, grad, wIhOff);
        Gemm.addTransposed(dWhhT, hid, g, grad, wHhOff);
    }

    /** Clears extra running gradients (the LSTM cell state's). */
    protected void resetBackwardCarry() {}

    /**
     * Computes dGi, dGh for rows [0, n) of step t from dhOut[t] + dhRun, and replaces dhRun[0, n)
     * by dL/dh of slot t.
     */
    protected abstract void stepBackward(int t, int n, float[] p);

    /** Adds (hidden input of step t)ᵀ · dGh into dWhhT (hid × g). */
    protected void accumulateHiddenWeights(int t, int n, float[] dWhhT) {
        Gemm.multTransAAdd(h, t * maxRows * hid, hid, n, hid, dGh, 0, g, g, dWhhT, 0, g);
    }

    /** dhOut[t] + dhRun for row b, unit k. */
    protected final float dhAt(int t, int b, int k) {
        return dhOut[(t * maxRows + b) * hid + k] + dhRun[b * hid + k];
    }

    /** Offset of row b's h in slot s. */
    protected final int hAt(int slot, int b) {
        return (slot * maxRows + b) * hid;
    }

    protected final int wHhOffset() {
        return wHhOff;
    }

    /**
     * Adds v[vOff, vOff + len) to each of n rows of dst (leading dimension ld) from off. Modified:
     * dst.
     */
    static void addRows(float[] v, int vOff, float[] dst, int off, int ld, int n, int len) {
        for (int r = 0; r < n; r++) {
            int d = off + r * ld;
            for (int k = 0; k < len; k++) {
                dst[d + k] += v[vOff + k];
            }
        }
    }

    int hidden() {
        return hid;
    }

    int inputSize() {
        return in;
    }
}
