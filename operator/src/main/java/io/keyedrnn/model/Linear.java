package io.keyedrnn.model;

import java.util.Arrays;

/** A dense layer y = W x + b in PyTorch's layout (W is out × in), used as the network head. */
public final class Linear {
    private final int inputSize;
    private final int outputSize;
    private final float[] weight;
    private final float[] bias;
    private final WeightColumns weightCols;

    /** Creates the layer from a copy of weight (out × in, row-major) and bias (out). */
    public Linear(int inputSize, int outputSize, float[] weight, float[] bias) {
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException(
                    "linear sizes must be positive, got in=" + inputSize + " out=" + outputSize);
        }
        if (weight.length != inputSize * outputSize || bias.length != outputSize) {
            throw new IllegalArgumentException(
                    "linear weight must have "
                            + inputSize * outputSize
                            + " values and bias "
                            + outputSize
                            + ", got "
                            + weight.length
                            + " and "
                            + bias.length);
        }
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.weight = weight.clone();
        this.bias = bias.clone();
        this.weightCols = new WeightColumns(weight, outputSize, inputSize);
    }

    /** Writes W·x[xOff..] + b into y[0, out), adding b last. Modified: y. Not modified: x. */
    public void apply(float[] x, int xOff, float[] y) {
        Arrays.fill(y, 0, outputSize, 0f);
        weightCols.multAdd(x, xOff, y, 0, outputSize);
        VectorOps.addInPlace(y, bias, outputSize);
    }

    /**
     * {@link #apply} for n inputs at once, bit for bit: ys[b][0, out) = W·xs[b][xOffs[b]..] + b.
     * Modified: ys. Not modified: xs, xOffs.
     */
    void applyBatch(float[][] xs, int[] xOffs, float[][] ys, int n) {
        BatchOps.zero(ys, 0, outputSize, n);
        weightCols.multAddBatch(xs, xOffs, ys, 0, outputSize, n);
        BatchOps.addToRows(ys, bias, 0, outputSize, n);
    }

    public int inputSize() {
        return inputSize;
    }

    public int outputSize() {
        return outputSize;
    }

    /** The weight in PyTorch layout; the caller must not modify it. */
    public float[] weight() {
        return weight;
    }

    /** The bias; the caller must not modify it. */
    public float[] bias() {
        return bias;
    }
}
