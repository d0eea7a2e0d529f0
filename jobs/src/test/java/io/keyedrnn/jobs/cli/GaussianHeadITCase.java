package io.keyedrnn.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyedrnn.model.HeadKind;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.train.Sequence;
import io.keyedrnn.train.TrainConfig;
import io.keyedrnn.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --head gaussian} through the retraining job (history read by Flink on its own
 * MiniCluster), then {@code replay}: the served means and standard deviations are training's
 * forward pass, shown by the Gaussian NLL they give equalling the trainer's own loss of the model.
 */
class GaussianHeadITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEYS = 3;
    private static final int STEPS = 60;
    @TempDir Path dir;

    @Test
    void trainedGaussianHeadServesTrainingsForwardPass() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.write(events, lines());
        Path model = dir.resolve("gauss.safetensors");
        CliRunner t =
                CliRunner.run(
                        "train",
                        "--events",
                        events.toString(),
                        "--out",
                        model.toString(),
                        "--head",
                        "gaussian",
                        "--hidden",
                        "6",
                        "--epochs",
                        "4",
                        "--seed",
                        "3",
                        "--validation-fraction",
                        "0.25",
                        "--patience",
                        "0");
        assertEquals(0, t.code(), t.out() + t.err());
        Model m = ModelFile.read(model);
        assertEquals(HeadKind.GAUSSIAN, m.network().headKind());
        assertEquals("gaussian", m.metadata().output());
        assertNotNull(m.metadata().calibration(), "calibrated through the serving step");

        Path out = dir.resolve("out.jsonl");
        CliRunner r =
                CliRunner.run(
                        "replay",
                        "--model",
                        model.toString(),
                        "--events",
                        events.toString(),
                        "--out",
                        out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode n = JSON.readTree(line);
            byKey.computeIfAbsent(n.get("key").asText(), k -> new ArrayList<>()).add(n);
        }
        assertEquals(KEYS, byKey.size());

        Normalizer norm = m.metadata().normalizer();
        List<Sequence> seqs = new ArrayList<>();
        double nll = 0;
        long count = 0;
        for (List<JsonNode> outs : byKey.values()) {
            float[][] rows = new float[outs.size()][1];
            for (int i = 0; i < outs.size(); i++) {
                rows[i][0] = (float) value(outs.get(i).get("key").asText(), i);
                norm.normalize(rows[i], rows[i]);
            }
            seqs.add(Sequence.numeric(outs.get(0).get("key").asText(), rows));
            for (int i = 0; i + 1 < outs.size(); i++) {
                JsonNode p = outs.get(i);
                double mu =
                        (p.get("prediction").get(0).asDouble() - norm.mean()[0]) / norm.std()[0];
                double sd = p.get("prediction_std").get(0).asDouble() / norm.std()[0];
                double d = rows[i + 1][0] - mu;
                nll += 0.5 * (Math.log(sd * sd) + d * d / (sd * sd));
                count++;
                double z = d / sd;
                assertEquals(z * z, outs.get(i + 1).get("error").asDouble(), 1e-3 * (z * z) + 1e-6);
            }
        }
        TrainConfig c = TrainConfig.builder().tbptt(0).batchKeys(KEYS).build();
        double want = new Trainer(c).meanLoss(m.network(), seqs);
        assertEquals(want, nll / count, 1e-4 * Math.abs(want) + 1e-5);
    }

    /** Sine per key with noise whose level differs by key, so the variances differ. */
    private static double value(String key, int t) {
        int k = key.charAt(1) - '0';
        SplittableRandom rnd = new SplittableRandom(31L * k + t);
        return 10 + 3 * Math.sin(0.4 * t + k) + (0.1 + 0.6 * k) * rnd.nextGaussian();
    }

    private static List<String> lines() {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            for (int k = 0; k < KEYS; k++) {
                String key = "k" + k;
                out.add(
                        "{\"key\":\""
                                + key
                                + "\",\"ts\":"
                                + (1000L * (t + 1))
                                + ",\"features\":["
                                + value(key, t)
                                + "]}");
            }
        }
        return out;
    }
}
