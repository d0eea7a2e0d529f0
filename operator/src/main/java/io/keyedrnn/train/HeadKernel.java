package io.keyedrnn.train;

import io.keyedrnn.model.NetworkSpec;
import java.util.Arrays;

/**
 * The output head and the loss over a chunk: a linear head with next-step squared error for numeric
 * input, or logits with next-token cross-entropy for tokens. Without a head the top layer's h is
 * the prediction.
 *
 * <pre>
 * squared error: L = Σ (y − x_next)²        dL/dy = 2 (y − x_next)
 * cross-entropy: L = logsumexp(y) − y_next   dL/dy = softmax(y) − onehot(next)
 * </pre>
 */
final class HeadKernel {
    private final boolean categorical;
    private final boolean linear;
    private final int hid;
    private final int out;
    private final int maxRows;
    private final int wOff;
    private final int bOff;
    private final float[] wT;
    private final float[] bias;

    /** Predictions (or logits) per step and row, then their loss gradients. */
    private final float[] y;

    HeadKernel(Parameters layout, int maxRows, int maxSteps) {
        NetworkSpec spec = layout.spec();
        this.categorical = spec.categorical();
        this.linear = spec.headSize() > 0;
        this.hid = spec.hiddenSize();
        this.out = linear ? spec.headSize() : hid;
        this.maxRows = maxRows;
        this.wOff = linear ? layout.tensor("head.weight").offset() : -1;
        this.bOff = linear ? layout.tensor("head.bias").offset() : -1;
        this.wT = new float[hid * out];
        this.bias = new float[out];
        this.y = new float[maxSteps * maxRows * out];
    }

    int outputSize() {
        return out;
    }

    void refresh(float[] p) {
        if (linear) {
            Gemm.transpose(p, wOff, out, hid, wT);
            System.arraycopy(p, bOff, bias, 0, out);
        }
    }

    /**
     * Computes the predictions from the top layer's h (slot t+1 is step t's output) and returns the
     * summed loss; with {@code gradient} also leaves scale·dL/dy in place of the predictions.
     * Modified: this. Not modified: h, c.
     */
    double forward(float[] h, Chunk c, boolean gradient, float scale) {
        double loss = 0;
        for (int t = 0; t < c.steps; t++) {
            int n = c.act[t];
            int base = t * maxRows;
            int hOff = (base + maxRows) * hid;
            if (linear) {
                Arrays.fill(y, base * out, (base + n) * out, 0f);
                Gemm.multAdd(h, hOff, hid, n, hid, wT, 0, out, out, y, base * out, out);
                LayerKernel.addRows(bias, 0, y, base * out, out, n, out);
            } else {
                System.arraycopy(h, hOff, y, base * out, n * out);
            }
            for (int b = 0; b < n; b++) {
                int cell = base + b;
                if (!c.hasTarget[cell]) {
                    if (gradient) {
                        Arrays.fill(y, cell * out, (cell + 1) * out, 0f);
                    }
                } else if (categorical) {
                    loss += crossEntropy(cell * out, c.targetToken[cell], gradient, scale);
                } else {
                    loss += squaredError(cell * out, c.target, cell * out, gradient, scale);
                }
            }
        }
        return loss;
    }

    private double squaredError(int yOff, float[] target, int tOff, boolean gradient, float scale) {
        double sum = 0;
        for (int k = 0; k < out; k++) {
            float d = y[yOff + k] - target[tOff + k];
            sum += (double) d * d;
            if (gradient) {
                y[yOff + k] = 2f * scale * d;
            }
        }
        return sum;
    }

    private double crossEntropy(int yOff, int next, boolean gradient, float scale) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < out; k++) {
            max = Math.max(max, y[yOff + k]);
        }
        double sum = 0;
        for (int k = 0; k < out; k++) {
            sum += Math.exp(y[yOff + k] - max);
        }
        double lse = max + Math.log(sum);
        double loss = lse - y[yOff + next];
        if (!gradient) {
            return loss;
        }
        for (int k = 0; k < out; k++) {
            y[yOff + k] = (float) (scale * Math.exp(y[yOff + k] - lse));
        }
        y[yOff + next] -= scale;
        return loss;
    }

    /**
     * Adds head gradients into grad and writes dL/dh of the top layer's outputs into dh (rows
     * active at each step). Requires a preceding {@link #forward} with a non-zero scale. Modified:
     * grad, dh. Not modified: h, p.
     */
    void backward(float[] h, Chunk c, float[] p, float[] grad, float[] dh) {
        for (int t = 0; t < c.steps; t++) {
            int n = c.act[t];
            int base = t * maxRows;
            if (!linear) {
                System.arraycopy(y, base * out, dh, base * hid, n * hid);
                continue;
            }
            int hOff = (base + maxRows) * hid;
            Gemm.multTransAAdd(y, base * out, out, n, out, h, hOff, hid, hid, grad, wOff, hid);
            Gemm.addColumnSums(y, base * out, out, n, out, grad, bOff);
            Arrays.fill(dh, base * hid, (base + n) * hid, 0f);
            Gemm.multAdd(y, base * out, out, n, out, p, wOff, hid, hid, dh, base * hid, hid);
        }
    }

    /**
     * Copies the raw prediction (logits for tokens) of step t, row b after a forward pass without
     * gradient into dst.
     */
    void prediction(int t, int b, float[] dst) {
        System.arraycopy(y, (t * maxRows + b) * out, dst, 0, out);
    }
}
