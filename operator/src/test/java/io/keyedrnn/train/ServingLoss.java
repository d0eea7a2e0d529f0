package io.keyedrnn.train;

import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import java.util.List;

/** The loss of a network measured with the serving step, key by key, state carried throughout. */
final class ServingLoss {
    private ServingLoss() {}

    /** Mean squared error (numeric) or cross-entropy (tokens) over the predictions that count. */
    static double mean(RecurrentNetwork net, List<Sequence> seqs) {
        Workspace ws = net.newWorkspace();
        float[] out = new float[net.outputSize()];
        double sum = 0;
        long count = 0;
        for (Sequence s : seqs) {
            float[] state = new float[net.stateSize()];
            for (int t = 0; t < s.length(); t++) {
                if (s.isNumeric()) {
                    net.step(s.rows()[t], state, out, ws);
                } else {
                    net.stepToken(s.tokens()[t], state, out, ws);
                }
                if (t + 1 >= s.length() || t + 1 < s.lossFrom()) {
                    continue;
                }
                if (s.isNumeric()) {
                    for (int f = 0; f < out.length; f++) {
                        double d = out[f] - s.rows()[t + 1][f];
                        sum += d * d;
                        count++;
                    }
                } else {
                    sum -= Math.log(out[s.tokens()[t + 1]]);
                    count++;
                }
            }
        }
        return sum / count;
    }
}
