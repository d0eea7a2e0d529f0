package io.keyedrnn.model.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyedrnn.model.RecurrentNetwork;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX Runtime stepping an ONNX file one event at a time and keyed-rnn stepping its import give the
 * same predictions within 1e-5 (token probabilities for the categorical files, whose first input is
 * token ids), over an interleaved stream of three keys.
 */
class OnnxRuntimeParityTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "torch_lstm_l2_h4_i3",
                "torch_gru_l3_h5_i2",
                "torch_rnn_tanh_l1_h3_i2",
                "torch_rnn_relu_l2_h3_i4",
                "torch_cat_lstm_l2_v9_e3_h4",
                "torch_cat_gru_l1_v6_e2_h5",
                "hand_gru_lbr0_l1",
                "hand_gru_lbr1_l2_const",
                "hand_gru_lbr0_l3_matmul",
                "hand_lstm_l3_matmul",
                "hand_lstm_l1_gemm_t",
                "hand_rnn_relu_l2"
            })
    void predictionsAgree(String name) throws Exception {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/onnx/" + name + ".onnx")) {
            bytes = in.readAllBytes();
        }
        RecurrentNetwork net = Onnx.read(bytes, name).network();
        try (OrtStepper ort = new OrtStepper(bytes)) {
            assertEquals(net.isCategorical(), ort.takesTokens(), name);
            Map<Integer, Map<String, float[]>> ortState = new HashMap<>();
            Map<Integer, float[]> ourState = new HashMap<>();
            SplittableRandom rnd = new SplittableRandom(name.hashCode());
            for (int step = 0; step < 60; step++) {
                int key = rnd.nextInt(3);
                int token = rnd.nextInt(net.inputSize());
                float[] x = new float[net.isCategorical() ? 0 : net.inputSize()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rnd.nextDouble(-1.5, 1.5);
                }
                Map<String, float[]> st = ortState.computeIfAbsent(key, k -> new HashMap<>());
                float[] ortPred = ort.step(x, token, st);
                float[] s = ourState.computeIfAbsent(key, k -> new float[net.stateSize()]);
                float[] out = new float[net.outputSize()];
                if (net.isCategorical()) {
                    net.stepToken(token, s, out, net.newWorkspace());
                } else {
                    net.step(x, s, out, net.newWorkspace());
                }
                assertEquals(out.length, ortPred.length, name + " step " + step);
                for (int i = 0; i < out.length; i++) {
                    assertEquals(ortPred[i], out[i], 1e-5, name + " step " + step + " output " + i);
                }
            }
        }
    }
}
