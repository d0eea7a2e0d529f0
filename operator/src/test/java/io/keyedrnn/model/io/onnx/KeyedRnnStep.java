package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.Normalizer;

/** The scoring job's step of a model, what an export's prediction must equal. */
final class KeyedRnnStep {
    private KeyedRnnStep() {}

    /**
     * Numeric: normalise, step, denormalise a prediction of feature width; categorical: step on the
     * token id, the prediction is the softmax. Modified: state, ws.
     */
    static float[] step(Model model, float[] raw, int token, float[] state, Workspace ws) {
        RecurrentNetwork net = model.network();
        float[] out = new float[net.outputSize()];
        if (net.isCategorical()) {
            net.stepToken(token, state, out, ws);
            return out;
        }
        Normalizer norm = model.metadata().normalizer();
        float[] x = raw.clone();
        if (norm != null) {
            norm.normalize(raw, x);
        }
        net.step(x, state, out, ws);
        if (norm != null && out.length == raw.length) {
            norm.denormalize(out.clone(), out);
        }
        return out;
    }
}
