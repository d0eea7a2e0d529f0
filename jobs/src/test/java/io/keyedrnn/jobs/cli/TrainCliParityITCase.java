package io.keyedrnn.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.train.Parameters;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code keyed-rnn train} in PyTorch's regime (plain full-batch SGD, whole histories, no hold-out,
 * no clipping, no early stopping, raw features) run in-process through the CLI, history read by
 * Flink on its own MiniCluster: the weights of the written model equal PyTorch's after the same
 * epochs within 1e-4 relative. Vectors: tools/train_golden/generate_train_golden.py (CLI_CASES).
 */
class TrainCliParityITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"lstm_sgd", "gru_l2_sgd", "cat_lstm_sgd"})
    void weightsWrittenByTheCliEqualPyTorchs(String name) throws Exception {
        Path golden = resource(name);
        JsonNode expected = JSON.readTree(golden.resolve("expected.json").toFile());
        JsonNode cfg = expected.get("config");
        Path out = dir.resolve("trained.safetensors");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "train",
                                "--events",
                                golden.resolve("events.jsonl").toString(),
                                "--init",
                                golden.resolve("init.safetensors").toString(),
                                "--out",
                                out.toString(),
                                "--optimizer",
                                "sgd",
                                "--lr",
                                cfg.get("lr").asText(),
                                "--epochs",
                                cfg.get("epochs").asText(),
                                "--batch-keys",
                                "1000000",
                                "--tbptt",
                                "0",
                                "--no-shuffle",
                                "--normalize",
                                "none",
                                "--clip",
                                "0",
                                "--validation-fraction",
                                "0",
                                "--patience",
                                "0"));
        if (cfg.get("vocab").asInt() > 0) {
            args.add("--token");
        }
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("no validation hold-out: scorer calibrated on the"), r.out());
        assertTrue(r.out().contains("not compared with the current model"), r.out());
        assertFalse(r.out().contains(" val "), r.out());
        assertEpochLosses(expected.get("losses"), r.out(), name);

        Model model = ModelFile.read(out);
        assertTrue(model.metadata().calibration() != null, "calibrated on the training events");
        Parameters trained = Parameters.of(model.network());
        Parameters before =
                Parameters.of(ModelFile.read(golden.resolve("init.safetensors")).network());
        double moved = 0;
        for (Map.Entry<String, JsonNode> t : expected.get("final").properties()) {
            float[] actual = trained.get(t.getKey());
            float[] initial = before.get(t.getKey());
            assertEquals(t.getValue().size(), actual.length, t.getKey());
            for (int i = 0; i < actual.length; i++) {
                double want = t.getValue().get(i).asDouble();
                assertEquals(
                        want,
                        actual[i],
                        1e-4 * Math.abs(want) + 1e-6,
                        name + " " + t.getKey() + "[" + i + "]");
                moved = Math.max(moved, Math.abs(want - initial[i]));
            }
        }
        assertTrue(moved > 1e-3, "training barely moved the weights, the check would be vacuous");
    }

    /** The printed epoch losses (6 decimals) equal PyTorch's. */
    private static void assertEpochLosses(JsonNode losses, String printed, String name) {
        for (int e = 0; e < losses.size(); e++) {
            String prefix = String.format("epoch %3d/%d  loss ", e + 1, losses.size());
            int at = printed.indexOf(prefix);
            assertTrue(at >= 0, "no line for epoch " + (e + 1) + " in " + printed);
            int from = at + prefix.length();
            double loss = Double.parseDouble(printed.substring(from, printed.indexOf(' ', from)));
            double want = losses.get(e).asDouble();
            assertEquals(want, loss, 1e-4 * want + 1e-6, name + " loss of epoch " + (e + 1));
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        Path p =
                Path.of(
                        TrainCliParityITCase.class
                                .getResource("/train_cli/" + name + "/expected.json")
                                .toURI());
        assertTrue(Files.isRegularFile(p));
        return p.getParent();
    }
}
