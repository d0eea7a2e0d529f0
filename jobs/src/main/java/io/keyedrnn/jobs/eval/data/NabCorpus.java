package io.keyedrnn.jobs.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Loads the NAB files under {@code nab/data/<category>/*.csv} with their windows. */
public final class NabCorpus {
    private NabCorpus() {}

    /** Every CSV under nabDir/data, sorted by name, each with its windows from the labels. */
    public static List<NabSeries> load(Path nabDir) {
        Map<String, List<NabWindow>> windows =
                readWindows(nabDir.resolve("labels").resolve("combined_windows.json"));
        List<NabSeries> corpus = new ArrayList<>();
        for (String name : csvNames(nabDir.resolve("data"))) {
            List<NabWindow> w = windows.get(name);
            if (w == null) {
                throw DataError.in(nabDir, "no entry for '" + name + "' in combined_windows.json");
            }
            NabCsv.Rows rows = NabCsv.read(nabDir.resolve("data").resolve(name));
            corpus.add(new NabSeries(name, rows.timestamps(), rows.values(), w));
        }
        if (corpus.isEmpty()) {
            throw DataError.in(nabDir.resolve("data"), "no NAB CSV files found");
        }
        return corpus;
    }

    /** combined_windows.json: file name to its [start, end] windows in file order. */
    public static Map<String, List<NabWindow>> readWindows(Path json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read NAB windows " + json + ": " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw DataError.in(json, "expected a JSON object of file name to windows");
        }
        Map<String, List<NabWindow>> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            out.put(e.getKey(), windowList(json, e.getKey(), e.getValue()));
        }
        return out;
    }

    private static List<NabWindow> windowList(Path json, String name, JsonNode list) {
        if (!list.isArray()) {
            throw DataError.in(json, "'" + name + "': expected a list of [start, end]");
        }
        List<NabWindow> out = new ArrayList<>();
        for (JsonNode pair : list) {
            if (!pair.isArray() || pair.size() != 2) {
                throw DataError.in(json, "'" + name + "': window is not [start, end]: " + pair);
            }
            LocalDateTime start = Timestamps.parseOrNull(pair.get(0).asText());
            LocalDateTime end = Timestamps.parseOrNull(pair.get(1).asText());
            if (start == null || end == null || end.isBefore(start)) {
                throw DataError.in(json, "'" + name + "': bad window " + pair);
            }
            out.add(new NabWindow(start, end));
        }
        return List.copyOf(out);
    }

    private static List<String> csvNames(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            throw DataError.in(dataDir, "NAB data directory not found");
        }
        try (Stream<Path> files = Files.walk(dataDir, 2)) {
            // Names use '/' like the label JSON's keys, whatever the platform's separator.
            return files.filter(p -> p.toString().endsWith(".csv"))
                    .map(p -> dataDir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dataDir + ": " + e, e);
        }
    }
}
