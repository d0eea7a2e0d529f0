package io.keyedrnn.train;

import io.keyedrnn.model.GaussianHead;
import io.keyedrnn.model.HeadKind;
import io.keyedrnn.model.NetworkSpec;
import java.util.Arrays;

/**
 * The output head and the loss over a chunk: a linear head with next-step squared error for numeric
 * input, a Gaussian head (means μ and log-variances s, {@link GaussianHead}) with PyTorch's
 * GaussianNLLLoss (full=False), or logits with next-token cross-entropy for tokens. Without a head
 * the top layer's h is the prediction.
 *
 * <pre>
 * squared error: L = Σ (y − x_next)²        dL/dy = 2 (y − x_next)
 * Gaussian NLL:  L = Σ ½ (ln v + d² / v),    d = μ − x_next, v = max(e^s, eps)
 *                dL/dμ = d / v               dL/ds = ½ e^s (1/v − d²/v²)
 * cross-entropy: L = logsumexp(y) − y_next   dL/dy = softmax(y) − onehot(next)
 * </pre>
 *
 * dL/ds passes the clamp through as PyTorch does (it clamps without gradient): below eps the loss
 * still pulls s up.
 */
final class HeadKernel {
    private final boolean categorical;
    private final boolean linear;
    private final boolean gaussian;
    private final int features;
    private final int hid;
    private final int out;
    private final int maxRows;
    private final int wOff;
    private final int bOff;

    /** The weight transposed (hid rows of out) for the forward, as is (out rows) for backward. */
    private final float[][] wT;

    private final float[][] w;
    private final float[] bias;

    /** Predictions (or logits) per step and row, then their loss gradients. */
    private final float[][] y;

    private final float[][][] yAt;

    private final float[][] dW;
    private final float[] db;

    HeadKernel(Parameters layout, int maxRows, int maxSteps) {
        NetworkSpec spec = layout.spec();
        this.categorical = spec.categorical();
        this.linear = spec.headSize() > 0;
        this.gaussian = spec.headKind() == HeadKind.GAUSSIAN;
        this.features = spec.inputSize();
        this.hid = spec.hiddenSize();
        this.out = linear ? spec.headSize() : hid;
        this.maxRows = maxRows;
        this.wOff = linear ? layout.tensor("head.weight").offset() : -1;
        this.bOff = linear ? layout.tensor("head.bias").offset() : -1;
        this.wT = Gemm.rows(hid, out);
        this.w = Gemm.rows(out, hid);
        this.bias = new float[out];
        this.y = Gemm.rows(maxSteps * maxRows, out);
        this.yAt = Gemm.views(y, maxRows);
        this.dW = Gemm.rows(out, hid);
        this.db = new float[out];
    }

    int outputSize() {
        return out;
    }

    void refresh(float[] p) {
        if (linear) {
            Gemm.transpose(p, wOff, out, hid, wT);
            Gemm.unflatten(p, wOff, out, hid, w);
            System.arraycopy(p, bOff, bias, 0, out);
        }
    }

    /**
     * Computes the predictions from the top layer's h by slot (slot t+1 is step t's output) and
     * returns the summed loss; with {@code gradient} also leaves scale·dL/dy in place of the
     * predictions. Modified: this. Not modified: h, c.
     */
    double forward(float[][][] h, Chunk c, boolean gradient, float scale) {
        double loss = 0;
        for (int t = 0; t < c.steps; t++) {
            int n = c.act[t];
            int base = t * maxRows;
            if (linear) {
                Gemm.zeroRows(yAt[t], n, out);
                Gemm.multAdd(h[t + 1], n, hid, wT, out, yAt[t]);
                Gemm.addToRows(bias, out, yAt[t], n);
            } else {
                for (int b = 0; b < n; b++) {
                    System.arraycopy(h[t + 1][b], 0, y[base + b], 0, out);
                }
            }
            for (int b = 0; b < n; b++) {
                int cell = base + b;
                if (!c.hasTarget[cell]) {
                    if (gradient) {
                        Arrays.fill(y[cell], 0f);
                    }
                } else if (categorical) {
                    loss += crossEntropy(y[cell], c.targetToken[cell], gradient, scale);
                } else if (gaussian) {
                    loss += gaussianNll(y[cell], c.target[cell], gradient, scale);
                } else {
                    loss += squaredError(y[cell], c.target[cell], gradient, scale);
                }
            }
        }
        return loss;
    }

    private double squaredError(float[] yr, float[] target, boolean gradient, float scale) {
        double sum = 0;
        for (int k = 0; k < out; k++) {
            float d = yr[k] - target[k];
            sum += (double) d * d;
            if (gradient) {
                yr[k] = 2f * scale * d;
            }
        }
        return sum;
    }

    private double gaussianNll(float[] yr, float[] target, boolean gradient, float scale) {
        double sum = 0;
        for (int k = 0; k < features; k++) {
            float e = (float) Math.exp(yr[features + k]);
            float v = Math.max(e, GaussianHead.EPS);
            float d = yr[k] - target[k];
            sum += 0.5 * (Math.log(v) + (double) d * d / v);
            if (gradient) {
                yr[k] = scale * d / v;
                yr[features + k] = (float) (0.5 * scale * e * (1.0 / v - (double) d * d / v / v));
            }
        }
        return sum;
    }

    private double crossEntropy(float[] yr, int next, boolean gradient, float scale) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < out; k++) {
            max = Math.max(max, yr[k]);
        }
        double sum = 0;
        for (int k = 0; k < out; k++) {
            sum += Math.exp(yr[k] - max);
        }
        double lse = max + Math.log(sum);
        double loss = lse - yr[next];
        if (!gradient) {
            return loss;
        }
        for (int k = 0; k < out; k++) {
            yr[k] = (float) (scale * Math.exp(yr[k] - lse));
        }
        yr[next] -= scale;
        return loss;
    }

    /**
     * Adds head gradients into grad and writes dL/dh of the top layer's outputs into the step views
     * dh (rows active at each step). Requires a preceding {@link #forward} with gradient. Modified:
     * grad, dh. Not modified: h.
     */
    void backward(float[][][] h, Chunk c, float[] grad, float[][][] dh) {
        if (linear) {
            Gemm.zeroRows(dW, out, hid);
            Arrays.fill(db, 0f);
        }
        for (int t = 0; t < c.steps; t++) {
            int n = c.act[t];
            int base = t * maxRows;
            if (!linear) {
                for (int b = 0; b < n; b++) {
                    System.arraycopy(y[base + b], 0, dh[t][b], 0, hid);
                }
                continue;
            }
            Gemm.multTransAAdd(yAt[t], n, out, h[t + 1], 0, hid, dW);
            Gemm.addColumnSums(yAt[t], n, out, db);
            Gemm.zeroRows(dh[t], n, hid);
            Gemm.multAdd(yAt[t], n, out, w, hid, dh[t]);
        }
        if (linear) {
            Gemm.addFlat(dW, out, hid, grad, wOff);
            for (int k = 0; k < out; k++) {
                grad[bOff + k] += db[k];
            }
        }
    }

    /**
     * Copies the prediction of step t, row b after a forward pass without gradient into dst: the
     * raw head output (logits for tokens), with σ in place of the log-variances of a Gaussian head
     * as the serving network writes it.
     */
    void prediction(int t, int b, float[] dst) {
        System.arraycopy(y[t * maxRows + b], 0, dst, 0, out);
        if (gaussian) {
            GaussianHead.toStd(dst, features);
        }
    }
}
