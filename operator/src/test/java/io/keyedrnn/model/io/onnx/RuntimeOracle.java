package io.keyedrnn.model.io.onnx;

import static org.junit.jupiter.api.Assertions.fail;

import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import io.keyedrnn.model.io.Model;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Checks an imported (fuzzed) ONNX file against ONNX Runtime running the same bytes over several
 * steps of one key, the runtime's state fed back by position: the importer checks that wiring, so a
 * mutant it accepts must carry state as keyed-rnn does. Files the runtime refuses to load or run
 * are counted, not compared.
 */
final class RuntimeOracle {
    private static final int STEPS = 4;

    private int compared;
    private int runtimeRefused;
    private int nonFinite;

    int compared() {
        return compared;
    }

    /** Fails when keyed-rnn's model {@code m} of {@code bytes} predicts other values than ORT. */
    void check(byte[] bytes, Model m, SplittableRandom rnd, String what) throws Exception {
        RecurrentNetwork net = m.network();
        float[][] ortPreds = new float[STEPS][];
        float[][] xs = new float[STEPS][];
        int[] tokens = new int[STEPS];
        try (OrtStepper ort = new OrtStepper(bytes)) {
            Map<String, float[]> state = new HashMap<>();
            for (int t = 0; t < STEPS; t++) {
                tokens[t] = rnd.nextInt(net.inputSize());
                xs[t] = net.isCategorical() ? new float[0] : features(rnd, net.inputSize());
                ortPreds[t] = ort.step(xs[t], tokens[t], state);
            }
        } catch (Exception e) {
            runtimeRefused++;
            return;
        }
        float[] ours = new float[net.stateSize()];
        Workspace ws = net.newWorkspace();
        for (int t = 0; t < STEPS; t++) {
            float[] pred = KeyedRnnStep.step(m, xs[t], tokens[t], ours, ws);
            compare(pred, ortPreds[t], what + " step " + t);
        }
        compared++;
    }

    private static float[] features(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextDouble(-2, 2);
        }
        return x;
    }

    private void compare(float[] ours, float[] ort, String what) {
        if (ours.length != ort.length) {
            fail(
                    what
                            + ": keyed-rnn predicts "
                            + ours.length
                            + " values, ONNX Runtime "
                            + ort.length);
        }
        for (int i = 0; i < ours.length; i++) {
            if (!Float.isFinite(ours[i]) || !Float.isFinite(ort[i])) {
                // Overflow from a mutated weight; the scoring job refuses such a step itself.
                nonFinite++;
                return;
            }
            double tol = 1e-4 * Math.max(1, Math.abs(ort[i]));
            if (Math.abs(ours[i] - ort[i]) > tol) {
                fail(what + " [" + i + "]: keyed-rnn " + ours[i] + ", ONNX Runtime " + ort[i]);
            }
        }
    }

    @Override
    public String toString() {
        return String.format(
                "runtime oracle: %d compared over %d steps, %d refused by ONNX Runtime, %d"
                        + " overflowed",
                compared, STEPS, runtimeRefused, nonFinite);
    }
}
