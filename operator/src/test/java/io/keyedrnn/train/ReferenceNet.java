package io.keyedrnn.train;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkSpec;

/**
 * A plain double-precision forward pass of a network from its flat parameters, one key and one step
 * at a time, written from the cell equations for the finite-difference checks.
 */
final class ReferenceNet {
    private final NetworkSpec spec;
    private final Parameters layout;

    ReferenceNet(Parameters layout) {
        this.spec = layout.spec();
        this.layout = layout;
    }

    /** A zero state: per layer h, then c (used by LSTM only). */
    double[][] zeroState() {
        return new double[2 * spec.layers()][spec.hiddenSize()];
    }

    /**
     * Runs steps [t0, t0 + steps) of s from state (updated in place) and returns the summed loss of
     * the predictions that count.
     */
    double run(double[] p, Sequence s, int t0, int steps, double[][] state) {
        double loss = 0;
        int end = Math.min(t0 + steps, s.length());
        for (int tau = t0; tau < end; tau++) {
            double[] x = input(p, s, tau);
            for (int k = 0; k < spec.layers(); k++) {
                x = cell(p, k, x, state);
            }
            if (tau + 1 < s.length() && tau + 1 >= s.lossFrom()) {
                loss += loss(p, x, s, tau + 1);
            }
        }
        return loss;
    }

    private double[] input(double[] p, Sequence s, int tau) {
        if (s.isNumeric()) {
            double[] x = new double[s.rows()[tau].length];
            for (int i = 0; i < x.length; i++) {
                x[i] = s.rows()[tau][i];
            }
            return x;
        }
        Parameters.Tensor e = layout.tensor("embedding.weight");
        double[] x = new double[e.cols()];
        System.arraycopy(p, e.offset() + s.tokens()[tau] * e.cols(), x, 0, x.length);
        return x;
    }

    /** W x + b for rows [r0, r0 + n) of the named (rows × x.length) weight. */
    private double[] affine(double[] p, String w, String b, int r0, int n, double[] x) {
        Parameters.Tensor wt = layout.tensor(w);
        int bo = layout.tensor(b).offset();
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            double sum = p[bo + r0 + r];
            for (int j = 0; j < x.length; j++) {
                sum += p[wt.offset() + (r0 + r) * wt.cols() + j] * x[j];
            }
            y[r] = sum;
        }
        return y;
    }

    private double[] cell(double[] p, int k, double[] x, double[][] state) {
        int hs = spec.hiddenSize();
        double[] h = state[2 * k];
        double[] c = state[2 * k + 1];
        String wi = "weight_ih_l" + k, wh = "weight_hh_l" + k;
        String bi = "bias_ih_l" + k, bh = "bias_hh_l" + k;
        CellKind kind = spec.cell();
        int g = kind.gates() * hs;
        double[] ai = affine(p, wi, bi, 0, g, x);
        double[] out = new double[hs];
        if (kind == CellKind.GRU_CHO) {
            double[] ah = affine(p, wh, bh, 0, 2 * hs, h);
            double[] rh = new double[hs];
            double[] z = new double[hs];
            for (int j = 0; j < hs; j++) {
                rh[j] = sigmoid(ai[j] + ah[j]) * h[j];
                z[j] = sigmoid(ai[hs + j] + ah[hs + j]);
            }
            double[] an = affine(p, wh, bh, 2 * hs, hs, rh);
            for (int j = 0; j < hs; j++) {
                double n = Math.tanh(ai[2 * hs + j] + an[j]);
                out[j] = (1 - z[j]) * n + z[j] * h[j];
            }
        } else {
            double[] ah = affine(p, wh, bh, 0, g, h);
            for (int j = 0; j < hs; j++) {
                out[j] = unit(kind, ai, ah, j, hs, h[j], c);
            }
        }
        System.arraycopy(out, 0, h, 0, hs);
        return out;
    }

    private static double unit(
            CellKind kind, double[] ai, double[] ah, int j, int hs, double hj, double[] c) {
        switch (kind) {
            case LSTM:
                double i = sigmoid(ai[j] + ah[j]);
                double f = sigmoid(ai[hs + j] + ah[hs + j]);
                double gg = Math.tanh(ai[2 * hs + j] + ah[2 * hs + j]);
                double o = sigmoid(ai[3 * hs + j] + ah[3 * hs + j]);
                c[j] = f * c[j] + i * gg;
                return o * Math.tanh(c[j]);
            case GRU:
                double r = sigmoid(ai[j] + ah[j]);
                double z = sigmoid(ai[hs + j] + ah[hs + j]);
                double n = Math.tanh(ai[2 * hs + j] + r * ah[2 * hs + j]);
                return (1 - z) * n + z * hj;
            case RNN_TANH:
                return Math.tanh(ai[j] + ah[j]);
            case RNN_RELU:
                return Math.max(0, ai[j] + ah[j]);
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    private double loss(double[] p, double[] h, Sequence s, int next) {
        double[] y =
                spec.headSize() > 0
                        ? affine(p, "head.weight", "head.bias", 0, spec.headSize(), h)
                        : h;
        if (s.isNumeric()) {
            double sum = 0;
            for (int f = 0; f < y.length; f++) {
                double d = y[f] - s.rows()[next][f];
                sum += d * d;
            }
            return sum;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : y) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum) - y[s.tokens()[next]];
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
