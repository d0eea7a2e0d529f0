package io.keyedrnn.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One recurrent layer: the shapes and weights every cell shares, in PyTorch's layout.
 *
 * <p>Weights are immutable after construction: {@code weight_ih} is (gates·H × I), {@code
 * weight_hh} (gates·H × H), biases gates·H, gate blocks in PyTorch order. The layer also keeps
 * column copies for the step kernel. A layer's state is a slice of a flat float array: h, then c
 * for cells that have one.
 */
public abstract class RecurrentLayer {
    private final CellKind kind;
    protected final int inputSize;
    protected final int hiddenSize;
    protected final int gateRows;
    private final float[] weightIh;
    private final float[] weightHh;
    private final float[] biasIh;
    private final float[] biasHh;
    final WeightColumns weightIhCols;
    final WeightColumns weightHhCols;

    protected RecurrentLayer(
            CellKind kind,
            int inputSize,
            int hiddenSize,
            float[] weightIh,
            float[] weightHh,
            float[] biasIh,
            float[] biasHh) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException(
                    "input and hidden sizes must be positive, got "
                            + inputSize
                            + ", "
                            + hiddenSize);
        }
        this.kind = kind;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.gateRows = kind.gates() * hiddenSize;
        this.weightIh = checkLength("weight_ih", weightIh, gateRows * inputSize);
        this.weightHh = checkLength("weight_hh", weightHh, gateRows * hiddenSize);
        this.biasIh = checkLength("bias_ih", biasIh, gateRows);
        this.biasHh = checkLength("bias_hh", biasHh, gateRows);
        this.weightIhCols = new WeightColumns(weightIh, gateRows, inputSize);
        this.weightHhCols = new WeightColumns(weightHh, gateRows, hiddenSize);
    }

    /** Creates the layer of the given kind from PyTorch-layout weights (copied). */
    public static RecurrentLayer of(
            CellKind kind,
            int inputSize,
            int hiddenSize,
            float[] weightIh,
            float[] weightHh,
            float[] biasIh,
            float[] biasHh) {
        float[] wi = weightIh.clone();
        float[] wh = weightHh.clone();
        float[] bi = biasIh.clone();
        float[] bh = biasHh.clone();
        switch (kind) {
            case LSTM:
                return new LstmLayer(inputSize, hiddenSize, wi, wh, bi, bh);
            case GRU:
                return new GruLayer(inputSize, hiddenSize, wi, wh, bi, bh);
            case GRU_CHO:
                return new GruChoLayer(inputSize, hiddenSize, wi, wh, bi, bh);
            case RNN_TANH:
            case RNN_RELU:
                return new RnnLayer(kind, inputSize, hiddenSize, wi, wh, bi, bh);
            default:
                throw new IllegalArgumentException("unsupported cell " + kind);
        }
    }

    private static float[] checkLength(String name, float[] a, int expected) {
        Objects.requireNonNull(a, name);
        if (a.length != expected) {
            throw new IllegalArgumentException(
                    name + " has " + a.length + " values, expected " + expected);
        }
        return a;
    }

    /** The cell kind, which fixes the gate count. */
    public final CellKind kind() {
        return kind;
    }

    /**
     * Advances one step. Reads x[xOff, xOff+I) and the layer state at {@code state[off, off +
     * stateSize())}, writes the new state there. {@code x} must not alias the state slice.
     * Modified: state, ws. Not modified: x.
     */
    public abstract void step(float[] x, int xOff, float[] state, int off, Workspace ws);

    /**
     * Advances n keys one step each, bit for bit as {@link #step} would one at a time: key b reads
     * xs[b][xOffs[b], +I) and its state at {@code states[b][off, off + stateSize())}, and writes
     * the new state there. The n state arrays must be distinct and no x slice may alias a state
     * slice. Modified: states, ws (gates, aux). Not modified: xs, xOffs.
     */
    abstract void stepBatch(
            float[][] xs, int[] xOffs, float[][] states, int off, int n, BatchWorkspace ws);

    /** Floats this layer's state takes: H, or 2H with a cell state. */
    public int stateSize() {
        return kind().hasCellState() ? 2 * hiddenSize : hiddenSize;
    }

    /** Floats each of the two workspace arrays needs for {@link #step}. */
    public int scratchSize() {
        return gateRows;
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    /** Number of trainable parameters. */
    public long parameterCount() {
        return (long) gateRows * (inputSize + hiddenSize + 2);
    }

    /** weight_ih in PyTorch layout; the caller must not modify it. */
    public float[] weightIh() {
        return weightIh;
    }

    /** weight_hh in PyTorch layout; the caller must not modify it. */
    public float[] weightHh() {
        return weightHh;
    }

    /** bias_ih; the caller must not modify it. */
    public float[] biasIh() {
        return biasIh;
    }

    /** bias_hh; the caller must not modify it. */
    public float[] biasHh() {
        return biasHh;
    }

    /** Writes W_ih·x + bias_ih into y[0, gateRows). Modified: y. */
    protected final void inputProjection(float[] x, int xOff, float[] y) {
        Arrays.fill(y, 0, gateRows, 0f);
        weightIhCols.multAdd(x, xOff, y, 0, gateRows);
        VectorOps.addInPlace(y, biasIh, gateRows);
    }

    /** Writes W_hh·h + bias_hh into y[0, gateRows). Modified: y. */
    protected final void hiddenProjection(float[] h, int hOff, float[] y) {
        Arrays.fill(y, 0, gateRows, 0f);
        weightHhCols.multAdd(h, hOff, y, 0, gateRows);
        VectorOps.addInPlace(y, biasHh, gateRows);
    }

    /**
     * Writes W_ih·x + W_hh·h + b into y[0, gateRows), with b = bias_ih + bias_hh. The bias is added
     * last, as PyTorch does, so a large bias does not coarsen the rounding of every product.
     * Modified: y.
     */
    protected final void bothProjections(
            float[] biasSum, float[] x, int xOff, float[] state, int off, float[] y) {
        Arrays.fill(y, 0, gateRows, 0f);
        weightIhCols.multAdd(x, xOff, y, 0, gateRows);
        weightHhCols.multAdd(state, off, y, 0, gateRows);
        VectorOps.addInPlace(y, biasSum, gateRows);
    }

    /** {@link #inputProjection} for n keys into ys[b][0, gateRows). Modified: ys. */
    final void inputProjections(float[][] xs, int[] xOffs, float[][] ys, int n) {
        BatchOps.zero(ys, 0, gateRows, n);
        weightIhCols.multAddBatch(xs, xOffs, ys, 0, gateRows, n);
        BatchOps.addToRows(ys, biasIh, 0, gateRows, n);
    }

    /** {@link #hiddenProjection} for n keys, h at states[b][off..]. Modified: ys, ws.offs. */
    final void hiddenProjections(
            float[][] states, int off, float[][] ys, int n, BatchWorkspace ws) {
        BatchOps.zero(ys, 0, gateRows, n);
        int[] offs = ws.sameOffsets(off, n);
        weightHhCols.multAddBatch(states, offs, ys, 0, gateRows, n);
        BatchOps.addToRows(ys, biasHh, 0, gateRows, n);
    }

    /** {@link #bothProjections} for n keys into ws.gates. Modified: ws (gates, offs). */
    final void bothProjections(
            float[] biasSum,
            float[][] xs,
            int[] xOffs,
            float[][] states,
            int off,
            int n,
            BatchWorkspace ws) {
        float[][] ys = ws.gates;
        BatchOps.zero(ys, 0, gateRows, n);
        weightIhCols.multAddBatch(xs, xOffs, ys, 0, gateRows, n);
        int[] offs = ws.sameOffsets(off, n);
        weightHhCols.multAddBatch(states, offs, ys, 0, gateRows, n);
        BatchOps.addToRows(ys, biasSum, 0, gateRows, n);
    }
}
