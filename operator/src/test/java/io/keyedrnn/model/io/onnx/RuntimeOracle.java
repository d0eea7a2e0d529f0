package io.keyedrnn.model.io.onnx;

import static org.junit.jupiter.api.Assertions.fail;

import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import io.keyedrnn.model.io.Model;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Checks an imported (fuzzed) ONNX file against ONNX Runtime running the same bytes: the first step
 * of a new key, and, when the mutation left the graph's wiring alone (so the stepper's state
 * feedback by position is still the graph's), three more steps carrying the state. Files the
 * runtime refuses to load or run are counted, not compared.
 */
final class RuntimeOracle {
    private static final int STEPS = 4;

    private int compared;
    private int multiStep;
    private int runtimeRefused;
    private int nonFinite;

    int compared() {
        return compared;
    }

    /** Fails when keyed-rnn's model {@code m} of {@code bytes} predicts other values than ORT. */
    void check(byte[] bytes, OnnxModel original, Model m, SplittableRandom rnd, String what)
            throws Exception {
        OnnxModel mutant = OnnxParser.parse(bytes, what);
        int steps = sameWiring(original, mutant) ? STEPS : 1;
        RecurrentNetwork net = m.network();
        float[][] ortPreds = new float[steps][];
        float[][] xs = new float[steps][];
        int[] tokens = new int[steps];
        try (OrtStepper ort = new OrtStepper(bytes)) {
            Map<String, float[]> state = new HashMap<>();
            for (int t = 0; t < steps; t++) {
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
        for (int t = 0; t < steps; t++) {
            float[] pred = KeyedRnnStep.step(m, xs[t], tokens[t], ours, ws);
            compare(pred, ortPreds[t], what + " step " + t);
        }
        compared++;
        multiStep += steps > 1 ? 1 : 0;
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

    /** Same inputs, outputs, and nodes (op, inputs, outputs, attribute names and integers). */
    private static boolean sameWiring(OnnxModel a, OnnxModel b) {
        if (!names(a.graph().inputs()).equals(names(b.graph().inputs()))
                || !names(a.graph().outputs()).equals(names(b.graph().outputs()))
                || a.graph().nodes().size() != b.graph().nodes().size()) {
            return false;
        }
        for (int i = 0; i < a.graph().nodes().size(); i++) {
            OnnxNode x = a.graph().nodes().get(i);
            OnnxNode y = b.graph().nodes().get(i);
            if (!x.opType().equals(y.opType())
                    || !x.inputs().equals(y.inputs())
                    || !x.outputs().equals(y.outputs())
                    || !x.attributes().keySet().equals(y.attributes().keySet())) {
                return false;
            }
            for (String k : x.attributes().keySet()) {
                if (!java.util.Objects.equals(
                        x.attributes().get(k).i(), y.attributes().get(k).i())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> names(List<OnnxGraph.ValueInfo> v) {
        return v.stream().map(OnnxGraph.ValueInfo::name).toList();
    }

    @Override
    public String toString() {
        return String.format(
                "runtime oracle: %d compared (%d over %d steps), %d refused by ONNX Runtime, %d"
                        + " overflowed",
                compared, multiStep, STEPS, runtimeRefused, nonFinite);
    }
}
