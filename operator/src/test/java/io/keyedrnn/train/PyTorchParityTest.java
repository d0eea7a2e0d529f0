package io.keyedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Full-batch training (no shuffle, whole sequences, one step per epoch) ends at PyTorch's weights.
 * Golden runs from tools/train_golden/generate_train_golden.py, the Gaussian head's (gauss_*, loss
 * GaussianNLLLoss) from tools/train_golden/generate_gaussian_golden.py.
 */
class PyTorchParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "lstm_sgd",
                "gru_sgd",
                "rnn_tanh_sgd",
                "gru_cho_sgd",
                "cat_lstm_sgd",
                "lstm_adam",
                "gru_l2_adam",
                "lstm_l2_clip",
                "gauss_lstm_sgd",
                "gauss_gru_l2_adam",
                "gauss_lstm_clamp"
            })
    void weightsAfterTrainingMatchPyTorch(String name) throws IOException {
        JsonNode golden = load(name);
        JsonNode cfg = golden.get("config");
        NetworkSpec spec = spec(cfg);
        Parameters init = Parameters.zeros(spec);
        fill(init, golden.get("initial"));
        List<Sequence> seqs = sequences(golden.get("sequences"));
        TrainConfig config =
                TrainConfig.builder()
                        .optimizer(OptimizerKind.fromId(cfg.get("optimizer").asText()))
                        .lr(cfg.get("lr").asDouble())
                        .clip(cfg.get("clip").asDouble())
                        .epochs(cfg.get("epochs").asInt())
                        .batchKeys(seqs.size())
                        .tbptt(0)
                        .shuffle(false)
                        .init(init.toNetwork())
                        .build();
        TrainResult result = new Trainer(config).train(seqs);

        double[] losses = result.losses();
        JsonNode expectedLosses = golden.get("losses");
        assertEquals(expectedLosses.size(), losses.length);
        for (int e = 0; e < losses.length; e++) {
            double want = expectedLosses.get(e).asDouble();
            assertEquals(
                    want, losses[e], 1e-4 * Math.abs(want), name + " loss of epoch " + (e + 1));
        }
        Parameters trained = result.parameters();
        double moved = 0;
        for (Map.Entry<String, JsonNode> t : golden.get("final").properties()) {
            float[] actual = trained.get(t.getKey());
            float[] before = init.get(t.getKey());
            assertEquals(t.getValue().size(), actual.length, t.getKey());
            for (int i = 0; i < actual.length; i++) {
                double want = t.getValue().get(i).asDouble();
                assertEquals(
                        want,
                        actual[i],
                        1e-4 * Math.abs(want) + 1e-6,
                        name + " " + t.getKey() + "[" + i + "]");
                moved = Math.max(moved, Math.abs(want - before[i]));
            }
        }
        assertTrue(moved > 1e-3, "training barely moved the weights, the check would be vacuous");
    }

    private static JsonNode load(String name) throws IOException {
        try (InputStream in =
                PyTorchParityTest.class.getResourceAsStream("/train/" + name + ".json")) {
            if (in == null) {
                throw new IOException("missing test resource /train/" + name + ".json");
            }
            return JSON.readTree(in);
        }
    }

    private static NetworkSpec spec(JsonNode cfg) {
        CellKind cell = CellKind.fromId(cfg.get("cell").asText());
        int vocab = cfg.get("vocab").asInt();
        int input = cfg.get("input").asInt();
        int hidden = cfg.get("hidden").asInt();
        int layers = cfg.get("layers").asInt();
        if (vocab > 0) {
            return NetworkSpec.categorical(cell, vocab, input, hidden, layers);
        }
        return cfg.path("head").asText("").equals("gaussian")
                ? NetworkSpec.gaussian(cell, input, hidden, layers)
                : NetworkSpec.numeric(cell, input, hidden, layers);
    }

    private static void fill(Parameters p, JsonNode tensors) {
        for (Map.Entry<String, JsonNode> t : tensors.properties()) {
            p.set(t.getKey(), floats(t.getValue()));
        }
    }

    private static List<Sequence> sequences(JsonNode node) {
        List<Sequence> out = new ArrayList<>();
        for (JsonNode s : node) {
            String key = s.get("key").asText();
            if (s.has("tokens")) {
                int[] tokens = new int[s.get("tokens").size()];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = s.get("tokens").get(i).asInt();
                }
                out.add(Sequence.tokens(key, tokens));
            } else {
                float[][] rows = new float[s.get("rows").size()][];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = floats(s.get("rows").get(i));
                }
                out.add(Sequence.numeric(key, rows));
            }
        }
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }
}
