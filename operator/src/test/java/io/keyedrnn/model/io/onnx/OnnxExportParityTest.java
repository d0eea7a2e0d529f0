package io.keyedrnn.model.io.onnx;

import static io.keyedrnn.model.io.onnx.OrtValues.flat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import io.keyedrnn.model.io.Model;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ONNX Runtime stepping keyed-rnn's export of a model and keyed-rnn stepping the model itself (as
 * the scoring job does: normalise, step, denormalise) give the same predictions and states within
 * 1e-5, over an interleaved stream of three keys whose states each side keeps on its own.
 */
class OnnxExportParityTest {
    private static final int KEYS = 3;
    private static final int STEPS = 60;

    @ParameterizedTest(name = "{0}, {1} layers")
    @MethodSource("io.keyedrnn.model.io.onnx.ExportFixtures#cases")
    void runtimeStepsTheExportAsKeyedRnnStepsTheModel(CellKind cell, int layers) throws Exception {
        Model model = ExportFixtures.model(cell, layers);
        RecurrentNetwork net = model.network();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String what = cell.id() + " l" + layers;
        try (OrtSession session =
                env.createSession(Onnx.toBytes(model), new OrtSession.SessionOptions())) {
            Map<Integer, Map<String, float[]>> ortStates = new HashMap<>();
            Map<Integer, float[]> ourStates = new HashMap<>();
            Workspace ws = net.newWorkspace();
            SplittableRandom rnd = new SplittableRandom(what.hashCode());
            for (int step = 0; step < STEPS; step++) {
                int key = rnd.nextInt(KEYS);
                float[] x = new float[net.inputSize()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rnd.nextDouble(-4, 12);
                }
                Map<String, float[]> ort = ortStates.computeIfAbsent(key, k -> new HashMap<>());
                float[] ortPred = run(env, session, net, x, ort);
                float[] ours = ourStates.computeIfAbsent(key, k -> new float[net.stateSize()]);
                float[] pred = KeyedRnnStep.step(model, x, 0, ours, ws);
                String at = what + " step " + step + " key " + key;
                assertClose(pred, 0, ortPred, at + " prediction");
                for (int k = 0; k < layers; k++) {
                    RecurrentLayer l = net.layers().get(k);
                    int off = net.stateOffset(k);
                    assertClose(ours, off, ort.get("h_l" + k), at + " h_l" + k);
                    if (cell.hasCellState()) {
                        assertClose(
                                ours, off + l.hiddenSize(), ort.get("c_l" + k), at + " c_l" + k);
                    }
                }
            }
        }
    }

    /** One run for one key: feeds its state, stores the new state. Modified: state. */
    private static float[] run(
            OrtEnvironment env,
            OrtSession session,
            RecurrentNetwork net,
            float[] x,
            Map<String, float[]> state)
            throws Exception {
        Map<String, OnnxTensor> feed = new HashMap<>();
        feed.put(
                "features",
                OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, x.length}));
        for (int k = 0; k < net.layers().size(); k++) {
            RecurrentLayer l = net.layers().get(k);
            for (String s :
                    l.kind().hasCellState() ? new String[] {"h", "c"} : new String[] {"h"}) {
                String name = s + "_l" + k;
                float[] v = state.getOrDefault(name, new float[l.hiddenSize()]);
                feed.put(
                        name,
                        OnnxTensor.createTensor(
                                env, FloatBuffer.wrap(v), new long[] {1, 1, l.hiddenSize()}));
            }
        }
        try (OrtSession.Result r = session.run(feed)) {
            for (String name : feed.keySet()) {
                if (!name.equals("features")) {
                    state.put(name, flat(r.get(name + "_out").orElseThrow()));
                }
            }
            return flat(r.get("prediction").orElseThrow());
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static void assertClose(float[] ours, int off, float[] ort, String what) {
        OrtValues.assertClose(ours, off, ort, 0, ort.length, what);
    }
}
