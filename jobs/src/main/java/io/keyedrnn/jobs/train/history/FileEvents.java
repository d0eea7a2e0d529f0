package io.keyedrnn.jobs.train.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads one history file: {@code .jsonl} (one JSON event per line, as on the events topic) or
 * {@code .csv} (see {@link CsvLayout}). Blank lines are ignored; every other line is an event or a
 * rejection naming file and line. Bytes that are not UTF-8 become U+FFFD rather than failing the
 * file.
 */
public final class FileEvents {
    private FileEvents() {}

    /** Whether the file is CSV (else JSON lines); throws for an unknown extension. */
    public static boolean isCsv(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return true;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return false;
        }
        throw new IllegalArgumentException(
                "events file " + file + ": expected a .jsonl or .csv file name");
    }

    /**
     * Checks before any job runs: the file exists and, for CSV, its header has the needed columns.
     * Returns the CSV layout, or null for JSON lines.
     */
    public static CsvLayout check(Path file, ReadSpec spec) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("no readable events file " + file);
        }
        if (!isCsv(file)) {
            return null;
        }
        try (BufferedReader r = open(file)) {
            String header = r.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + ": empty CSV file (no header line)");
            }
            return CsvLayout.of(header, spec.csv(), spec.categorical(), file.toString());
        }
    }

    /** Reads every line of the file into the sink; {@code index} tags its events' order. */
    public static void read(Path file, int index, ReadSpec spec, EventSink sink)
            throws IOException {
        boolean csv = isCsv(file);
        JsonRecords json = csv ? null : new JsonRecords(spec);
        try (BufferedReader r = open(file)) {
            CsvLayout layout = null;
            long lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (csv && layout == null) {
                    layout = CsvLayout.of(line, spec.csv(), spec.categorical(), file.toString());
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                String origin = file + ":" + lineNo;
                if (csv) {
                    layout.parse(line, origin, index, lineNo, sink);
                } else {
                    byte[] b = line.getBytes(StandardCharsets.UTF_8);
                    json.parse(
                            b, 0, b.length, ParsedEvent.NO_TIMESTAMP, origin, index, lineNo, sink);
                }
            }
        }
    }

    /** Feature names of the first CSV file, or empty when the files are JSON lines. */
    public static List<String> featureNames(List<CsvLayout> layouts) {
        for (CsvLayout l : layouts) {
            if (l != null) {
                return l.featureNames();
            }
        }
        return List.of();
    }

    private static BufferedReader open(Path file) throws IOException {
        return new BufferedReader(
                new InputStreamReader(
                        Files.newInputStream(file),
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPLACE)
                                .onUnmappableCharacter(CodingErrorAction.REPLACE)),
                1 << 16);
    }
}
