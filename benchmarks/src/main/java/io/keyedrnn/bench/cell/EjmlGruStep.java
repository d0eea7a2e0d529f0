package io.keyedrnn.bench.cell;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/** The baseline: one PyTorch-form GRU step with plain EJML calls and java.lang.Math. */
final class EjmlGruStep {
    private final int hidden;
    private final FMatrixRMaj weightIh;
    private final FMatrixRMaj weightHh;
    private final FMatrixRMaj biasIh;
    private final FMatrixRMaj biasHh;
    private final FMatrixRMaj gi;
    private final FMatrixRMaj gh;

    EjmlGruStep(int input, int hidden, float[] wIh, float[] wHh, float[] bIh, float[] bHh) {
        this.hidden = hidden;
        this.weightIh = new FMatrixRMaj(3 * hidden, input, true, wIh);
        this.weightHh = new FMatrixRMaj(3 * hidden, hidden, true, wHh);
        this.biasIh = new FMatrixRMaj(3 * hidden, 1, true, bIh);
        this.biasHh = new FMatrixRMaj(3 * hidden, 1, true, bHh);
        this.gi = new FMatrixRMaj(3 * hidden, 1);
        this.gh = new FMatrixRMaj(3 * hidden, 1);
    }

    /** Advances h (a column vector) by one step on x. Modified: h. */
    void step(FMatrixRMaj x, FMatrixRMaj h) {
        CommonOps_FDRM.mult(weightIh, x, gi);
        CommonOps_FDRM.addEquals(gi, biasIh);
        CommonOps_FDRM.mult(weightHh, h, gh);
        CommonOps_FDRM.addEquals(gh, biasHh);
        int n = hidden;
        for (int k = 0; k < n; k++) {
            float r = sigmoid(gi.data[k] + gh.data[k]);
            float z = sigmoid(gi.data[n + k] + gh.data[n + k]);
            float cand = (float) Math.tanh(gi.data[2 * n + k] + r * gh.data[2 * n + k]);
            h.data[k] = (1 - z) * cand + z * h.data[k];
        }
    }

    private static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }
}
