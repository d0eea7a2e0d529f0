package io.keyedrnn.jobs.eval.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The published full-corpus scores in NAB's {@code results/final_results.json}. */
record PublishedScores(String detector, double standard, double lowFp, double lowFn) {

    /** Every detector in the file, best standard score first. */
    static List<PublishedScores> read(Path json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read NAB results " + json + ": " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(json + ": expected an object of detectors");
        }
        List<PublishedScores> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode d = e.getValue();
            out.add(
                    new PublishedScores(
                            e.getKey(),
                            score(json, e.getKey(), d, "standard"),
                            score(json, e.getKey(), d, "reward_low_FP_rate"),
                            score(json, e.getKey(), d, "reward_low_FN_rate")));
        }
        out.sort(Comparator.comparingDouble(PublishedScores::standard).reversed());
        return out;
    }

    private static double score(Path json, String detector, JsonNode d, String profile) {
        JsonNode v = d.get(profile);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(
                    json + ": detector '" + detector + "' has no number for " + profile);
        }
        return v.asDouble();
    }
}
