package io.keyedrnn.jobs.eval.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** NAB's published outputs under data/nab: thresholds.json, profiles.json, *_scores.csv. */
final class PublishedNab {
    private PublishedNab() {}

    /** One row of a {@code <detector>_<profile>_scores.csv}. */
    record FileRow(String file, double threshold, double score, int tp, int tn, int fp, int fn) {}

    static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** thresholds.json's entry for a detector and profile: {"score": raw, "threshold": t}. */
    static JsonNode threshold(Path nab, String detector, String profile) {
        JsonNode n = json(nab.resolve("config/thresholds.json")).path(detector).path(profile);
        if (n.isMissingNode()) {
            throw new IllegalArgumentException(
                    detector + "/" + profile + " not in thresholds.json");
        }
        return n;
    }

    /** The per-file rows of a published scores table, by file name; "Totals" included. */
    static Map<String, FileRow> fileScores(Path nab, String detector, String profile) {
        Path csv =
                nab.resolve("results/" + detector + "/" + detector + "_" + profile + "_scores.csv");
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!lines.get(0).equals("Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count")) {
            throw new IllegalArgumentException(csv + ": unexpected header " + lines.get(0));
        }
        Map<String, FileRow> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            String file = c[0].equals("Totals") ? "Totals" : c[2];
            double threshold = c[3].isEmpty() ? Double.NaN : Double.parseDouble(c[3]);
            rows.put(
                    file,
                    new FileRow(
                            file,
                            threshold,
                            Double.parseDouble(c[4]),
                            Integer.parseInt(c[5]),
                            Integer.parseInt(c[6]),
                            Integer.parseInt(c[7]),
                            Integer.parseInt(c[8])));
        }
        return rows;
    }
}
