package io.keyedrnn.bench.cell;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/** The baseline: one LSTM step written with plain EJML calls and java.lang.Math activations. */
final class EjmlLstmStep {
    private final int hidden;
    private final FMatrixRMaj weightIh;
    private final FMatrixRMaj weightHh;
    private final FMatrixRMaj bias;
    private final FMatrixRMaj gates;

    EjmlLstmStep(int input, int hidden, float[] wIh, float[] wHh, float[] bIh, float[] bHh) {
        this.hidden = hidden;
        this.weightIh = new FMatrixRMaj(4 * hidden, input, true, wIh);
        this.weightHh = new FMatrixRMaj(4 * hidden, hidden, true, wHh);
        this.bias = new FMatrixRMaj(4 * hidden, 1);
        for (int i = 0; i < 4 * hidden; i++) {
            bias.data[i] = bIh[i] + bHh[i];
        }
        this.gates = new FMatrixRMaj(4 * hidden, 1);
    }

    /** Advances h and c (column vectors) by one step on x. Modified: h, c. */
    void step(FMatrixRMaj x, FMatrixRMaj h, FMatrixRMaj c) {
        CommonOps_FDRM.mult(weightIh, x, gates);
        CommonOps_FDRM.multAdd(weightHh, h, gates);
        CommonOps_FDRM.addEquals(gates, bias);
        float[] g = gates.data;
        int n = hidden;
        for (int k = 0; k < n; k++) {
            float i = sigmoid(g[k]);
            float f = sigmoid(g[n + k]);
            float cand = (float) Math.tanh(g[2 * n + k]);
            float o = sigmoid(g[3 * n + k]);
            float cNew = f * c.data[k] + i * cand;
            c.data[k] = cNew;
            h.data[k] = o * (float) Math.tanh(cNew);
        }
    }

    private static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }
}
