package io.keyedrnn.model.io.onnx;

import static io.keyedrnn.model.io.onnx.OrtValues.assertClose;
import static io.keyedrnn.model.io.onnx.OrtValues.flat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import io.keyedrnn.model.io.Model;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ONNX Runtime stepping the export of a categorical model and keyed-rnn stepping the model on the
 * same token ids give the same next-token probabilities and states within 1e-5, over an interleaved
 * stream of four keys; each run steps one to four of them at once as batch rows.
 */
class OnnxCategoricalParityTest {
    private static final int KEYS = 4;
    private static final int RUNS = 40;

    @ParameterizedTest(name = "{0}, {1} layers")
    @MethodSource("io.keyedrnn.model.io.onnx.ExportFixtures#cases")
    void runtimeStepsTheExportAsKeyedRnnStepsTheModel(CellKind cell, int layers) throws Exception {
        Model model = ExportFixtures.categorical(cell, layers);
        RecurrentNetwork net = model.network();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String what = cell.id() + " l" + layers;
        SplittableRandom rnd = new SplittableRandom(what.hashCode());
        Map<Integer, float[]> ours = new HashMap<>();
        Map<Integer, Map<String, float[]>> theirs = new HashMap<>();
        Workspace ws = net.newWorkspace();
        try (OrtSession session =
                env.createSession(Onnx.toBytes(model), new OrtSession.SessionOptions())) {
            for (int run = 0; run < RUNS; run++) {
                List<Integer> keys = someKeys(rnd);
                long[] tokens = rnd.longs(keys.size(), 0, net.inputSize()).toArray();
                Map<String, float[]> out = run(env, session, net, keys, tokens, theirs);
                for (int b = 0; b < keys.size(); b++) {
                    int key = keys.get(b);
                    float[] state = ours.computeIfAbsent(key, k -> new float[net.stateSize()]);
                    float[] probs = new float[net.outputSize()];
                    net.stepToken((int) tokens[b], state, probs, ws);
                    String at = what + " run " + run + " key " + key + " token " + tokens[b];
                    int v = net.outputSize();
                    assertClose(probs, 0, out.get("prediction"), b * v, v, at + " probabilities");
                    assertStates(net, state, theirs.get(key), at);
                }
            }
        }
    }

    @Test
    void aTokenOutsideTheVocabularyIsRefusedByBothRuntimes() throws Exception {
        Model model = ExportFixtures.categorical(CellKind.GRU, 1);
        RecurrentNetwork net = model.network();
        int v = net.inputSize();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions quiet = new OrtSession.SessionOptions();
        // The runtime logs the refused run as an error line of its own; the assertion is enough.
        quiet.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
        try (OrtSession session = env.createSession(Onnx.toBytes(model), quiet)) {
            Map<Integer, Map<String, float[]>> states = new HashMap<>();
            Map<String, float[]> last =
                    run(env, session, net, List.of(0), new long[] {v - 1}, states);
            assertEquals(v, last.get("prediction").length);
            assertThrows(
                    OrtException.class,
                    () -> run(env, session, net, List.of(0), new long[] {v}, states));
        }
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                net.stepToken(
                                        v,
                                        new float[net.stateSize()],
                                        new float[v],
                                        net.newWorkspace()));
        assertTrue(e.getMessage().contains("outside the vocabulary"), e.getMessage());
    }

    /** One to {@link #KEYS} distinct keys in random order. */
    private static List<Integer> someKeys(SplittableRandom rnd) {
        List<Integer> all = new ArrayList<>(List.of(0, 1, 2, 3));
        java.util.Collections.shuffle(all, new java.util.Random(rnd.nextLong()));
        return all.subList(0, 1 + rnd.nextInt(KEYS));
    }

    private static void assertStates(
            RecurrentNetwork net, float[] state, Map<String, float[]> ort, String at) {
        for (int k = 0; k < net.layers().size(); k++) {
            RecurrentLayer l = net.layers().get(k);
            int h = l.hiddenSize();
            assertClose(state, net.stateOffset(k), ort.get("h_l" + k), 0, h, at + " h_l" + k);
            if (l.kind().hasCellState()) {
                assertClose(
                        state, net.stateOffset(k) + h, ort.get("c_l" + k), 0, h, at + " c_l" + k);
            }
        }
    }

    /**
     * One run stepping {@code keys} as batch rows: gathers their states, stores the new ones.
     * Returns the outputs by name (prediction: rows × vocabulary). Modified: states.
     */
    private static Map<String, float[]> run(
            OrtEnvironment env,
            OrtSession session,
            RecurrentNetwork net,
            List<Integer> keys,
            long[] tokens,
            Map<Integer, Map<String, float[]>> states)
            throws OrtException {
        int rows = keys.size();
        Map<String, OnnxTensor> feed = new HashMap<>();
        Map<String, Integer> widths = new HashMap<>();
        try {
            feed.put(
                    "token",
                    OnnxTensor.createTensor(env, LongBuffer.wrap(tokens), new long[] {rows}));
            for (int k = 0; k < net.layers().size(); k++) {
                RecurrentLayer l = net.layers().get(k);
                for (String s :
                        l.kind().hasCellState() ? new String[] {"h", "c"} : new String[] {"h"}) {
                    String name = s + "_l" + k;
                    int h = l.hiddenSize();
                    widths.put(name, h);
                    float[] batch = new float[rows * h];
                    for (int b = 0; b < rows; b++) {
                        float[] v = states.getOrDefault(keys.get(b), Map.of()).get(name);
                        if (v != null) {
                            System.arraycopy(v, 0, batch, b * h, h);
                        }
                    }
                    feed.put(
                            name,
                            OnnxTensor.createTensor(
                                    env, FloatBuffer.wrap(batch), new long[] {1, rows, h}));
                }
            }
            Map<String, float[]> out = new HashMap<>();
            try (OrtSession.Result r = session.run(feed)) {
                out.put("prediction", flat(r.get("prediction").orElseThrow()));
                for (Map.Entry<String, Integer> w : widths.entrySet()) {
                    float[] all = flat(r.get(w.getKey() + "_out").orElseThrow());
                    for (int b = 0; b < rows; b++) {
                        int h = w.getValue();
                        float[] row = java.util.Arrays.copyOfRange(all, b * h, (b + 1) * h);
                        states.computeIfAbsent(keys.get(b), x -> new HashMap<>())
                                .put(w.getKey(), row);
                    }
                }
            }
            return out;
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }
}
