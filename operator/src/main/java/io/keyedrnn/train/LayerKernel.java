package io.keyedrnn.train;

import io.keyedrnn.model.CellKind;
import java.util.Arrays;

/**
 * One recurrent layer's forward and backward pass over a chunk of time steps for a batch of keys.
 *
 * <p>Buffers are arrays of rows, time-major: row {@code t·maxRows + b} belongs to step t, key b.
 * Keys are sorted by decreasing length, so at step t the active keys are the prefix {@code act[t]};
 * a finished key's state is carried forward unchanged, which masks unequal lengths without
 * per-element masks. Slot 0 of {@link #h} is the state the chunk starts from (carried from the
 * previous chunk, detached); slot t+1 holds h after step t.
 */
abstract class LayerKernel {
    protected final int in;
    protected final int hid;
    protected final int g;
    protected final int maxRows;
    private final int wIhOff;
    private final int wHhOff;
    private final int bIhOff;
    private final int bHhOff;

    /** W_ihᵀ (in rows of g) and W_hhᵀ (hid rows of g) for the forward products. */
    protected final float[][] wIhT;

    protected final float[][] wHhT;

    /** W_ih (g rows of in) and W_hh (g rows of hid) for the backward products. */
    private final float[][] wIh;

    protected final float[][] wHh;
    protected final float[] biasIh;
    protected final float[] biasHh;

    /** b_ih + b_hh, as the serving LSTM and RNN add it. */
    protected final float[] biasSum;

    /**
     * Gate pre-activations (then, for gated cells, activations) per step and row: maxSteps·maxRows
     * rows of g; the input projection is written here for all steps before the recurrence.
     */
    protected final float[][] gates;

    /** The rows of {@link #gates} by step. */
    protected final float[][][] gatesAt;

    /** h per slot and row: (maxSteps + 1)·maxRows rows of hid. */
    final float[][] h;

    /** The rows of h by slot. */
    final float[][][] hAt;

    /** Loss gradient with respect to each step's output h, written by the caller. */
    final float[][] dhOut;

    /** The rows of dhOut by step. */
    final float[][][] dhOutAt;

    /** Running dL/dh flowing back from later steps, maxRows rows. */
    protected final float[][] dhRun;

    /** Gate gradients of one step: on the input side and on the hidden side. */
    protected final float[][] dGi;

    protected final float[][] dGh;
    private final float[][] dWihT;
    private final float[][] dWhhT;
    private final float[] dbIh;
    private final float[] dbHh;

    protected LayerKernel(CellKind kind, int layer, Parameters layout, int maxRows, int maxSteps) {
        Parameters.Tensor wi = layout.tensor("weight_ih_l" + layer);
        Parameters.Tensor wh = layout.tensor("weight_hh_l" + layer);
        this.in = wi.cols();
        this.hid = wh.cols();
        this.g = kind.gates() * hid;
        this.maxRows = maxRows;
        this.wIhOff = wi.offset();
        this.wHhOff = wh.offset();
        this.bIhOff = layout.tensor("bias_ih_l" + layer).offset();
        this.bHhOff = layout.tensor("bias_hh_l" + layer).offset();
        this.gates = Gemm.rows(maxSteps * maxRows, g);
        this.gatesAt = Gemm.views(gates, maxRows);
        this.wIhT = Gemm.rows(in, g);
        this.wHhT = Gemm.rows(hid, g);
        this.wIh = Gemm.rows(g, in);
        this.wHh = Gemm.rows(g, hid);
        this.biasIh = new float[g];
        this.biasHh = new float[g];
        this.biasSum = new float[g];
        this.h = Gemm.rows((maxSteps + 1) * maxRows, hid);
        this.hAt = Gemm.views(h, maxRows);
        this.dhOut = Gemm.rows(maxSteps * maxRows, hid);
        this.dhOutAt = Gemm.views(dhOut, maxRows);
        this.dhRun = Gemm.rows(maxRows, hid);
        this.dGi = Gemm.rows(maxRows, g);
        this.dGh = separateHiddenGateGradient() ? Gemm.rows(maxRows, g) : dGi;
        this.dWihT = Gemm.rows(in, g);
        this.dWhhT = Gemm.rows(hid, g);
        this.dbIh = new float[g];
        this.dbHh = new float[g];
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
        Gemm.unflatten(p, wIhOff, g, in, wIh);
        Gemm.unflatten(p, wHhOff, g, hid, wHh);
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
        Gemm.zeroRows(hAt[0], maxRows, hid);
    }

    /** Makes the state after step {@code steps - 1} the start state of the next chunk. */
    void carryState(int steps) {
        copySlot(h, steps, 0);
    }

    /** Copies slot {@code from} into slot {@code to} of a per-slot buffer. */
    protected final void copySlot(float[][] buf, int from, int to) {
        for (int b = 0; b < maxRows; b++) {
            System.arraycopy(buf[from * maxRows + b], 0, buf[to * maxRows + b], 0, hid);
        }
    }

    /** Copies row b's state in slot s (h, then c for LSTM) to dst[off..]; returns the end. */
    int copyState(int slot, int b, float[] dst, int off) {
        System.arraycopy(h[slot * maxRows + b], 0, dst, off, hid);
        return off + hid;
    }

    /**
     * Runs the chunk. Row b of view xs[x0 + t] is step t's input for key b; act[t] keys are active
     * at step t. Modified: this layer's buffers. Not modified: xs.
     */
    final void forward(float[][][] xs, int x0, int[] act, int steps) {
        for (int t = 0; t < steps; t++) {
            int n = act[t];
            Gemm.zeroRows(gatesAt[t], n, g);
            Gemm.multAdd(xs[x0 + t], n, in, wIhT, g, gatesAt[t]);
            if (inputBiasFirst()) {
                Gemm.addToRows(biasIh, g, gatesAt[t], n);
            }
        }
        for (int t = 0; t < steps; t++) {
            int n = act[t];
            stepForward(t, n);
            if (n < maxRows) {
                carryRows(t, n);
            }
        }
    }

    /** Advances rows [0, n) by step t: reads slot t, writes slot t+1. */
    protected abstract void stepForward(int t, int n);

    /** Copies the state of finished rows [n, maxRows) from slot t to slot t+1. */
    protected void carryRows(int t, int n) {
        for (int b = n; b < maxRows; b++) {
            System.arraycopy(h[t * maxRows + b], 0, h[(t + 1) * maxRows + b], 0, hid);
        }
    }

    /**
     * Back-propagates through the chunk, adding weight gradients into grad and, when dx is not
     * null, writing dL/dx for the active rows of each step's view dx[t]. The start state is
     * detached: no gradient flows into the previous chunk. Modified: grad, dx, scratch buffers. Not
     * modified: xs, dhOut.
     */
    final void backward(
            float[][][] xs, int x0, int[] act, int steps, float[] grad, float[][][] dx) {
        Gemm.zeroRows(dhRun, maxRows, hid);
        resetBackwardCarry();
        Gemm.zeroRows(dWihT, in, g);
        Gemm.zeroRows(dWhhT, hid, g);
        Arrays.fill(dbIh, 0f);
        Arrays.fill(dbHh, 0f);
        for (int t = steps - 1; t >= 0; t--) {
            int n = act[t];
            if (n == 0) {
                continue;
            }
            stepBackward(t, n);
            Gemm.multTransAAdd(xs[x0 + t], n, in, dGi, 0, g, dWihT);
            Gemm.addColumnSums(dGi, n, g, dbIh);
            accumulateHiddenWeights(t, n, dWhhT);
            Gemm.addColumnSums(dGh, n, g, dbHh);
            if (dx != null) {
                Gemm.zeroRows(dx[t], n, in);
                Gemm.multAdd(dGi, n, g, wIh, in, dx[t]);
            }
        }
        Gemm.addTransposedFlat(dWihT, in, g, grad, wIhOff);
        Gemm.addTransposedFlat(dWhhT, hid, g, grad, wHhOff);
        for (int k = 0; k < g; k++) {
            grad[bIhOff + k] += dbIh[k];
            grad[bHhOff + k] += dbHh[k];
        }
    }

    /** Clears extra running gradients (the LSTM cell state's). */
    protected void resetBackwardCarry() {}

    /**
     * Computes dGi, dGh for rows [0, n) of step t from dhOut[t] + dhRun, and replaces dhRun[0, n)
     * by dL/dh of slot t.
     */
    protected abstract void stepBackward(int t, int n);

    /** Adds (hidden input of step t)ᵀ · dGh into dWhhT (hid rows of g). */
    protected void accumulateHiddenWeights(int t, int n, float[][] dWhhT) {
        Gemm.multTransAAdd(hAt[t], n, hid, dGh, 0, g, dWhhT);
    }

    /** dhOut of step t, row b, plus the running gradient, into dst. Modified: dst. */
    protected final void totalDh(int t, int b, float[] dst) {
        float[] out = dhOut[t * maxRows + b];
        float[] run = dhRun[b];
        for (int k = 0; k < hid; k++) {
            dst[k] = out[k] + run[k];
        }
    }

    protected final int wHhOffset() {
        return wHhOff;
    }
}
