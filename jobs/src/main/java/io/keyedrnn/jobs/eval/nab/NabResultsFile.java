package io.keyedrnn.jobs.eval.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the {@code anomaly_score} column of a NAB results file ({@code
 * <detector>/<category>/<detector>_<file>.csv}, or the same gzip-compressed with {@code .gz}), the
 * file NAB's scorer reads a detector's output from.
 */
public final class NabResultsFile {
    static final String SCORE_COLUMN = "anomaly_score";

    private NabResultsFile() {}

    /** Where NAB keeps a detector's results for a corpus file named like {@code cat/file.csv}. */
    public static Path path(Path resultsDir, String detector, String corpusName) {
        int slash = corpusName.lastIndexOf('/');
        String category = corpusName.substring(0, slash);
        String file = corpusName.substring(slash + 1);
        return resultsDir.resolve(detector).resolve(category).resolve(detector + "_" + file);
    }

    /** The anomaly scores of a results file that must hold one data row per corpus row. */
    public static double[] scores(Path file, int rows) {
        List<String> lines = lines(file);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty, expected a header");
        }
        List<String> header = Arrays.asList(lines.get(0).strip().split(","));
        int column = header.indexOf(SCORE_COLUMN);
        if (column < 0) {
            throw new IllegalArgumentException(
                    file + ":1: no '" + SCORE_COLUMN + "' column in " + header);
        }
        if (lines.size() - 1 != rows) {
            throw new IllegalArgumentException(
                    file + ": " + (lines.size() - 1) + " rows, the data file has " + rows);
        }
        double[] scores = new double[rows];
        for (int i = 0; i < rows; i++) {
            scores[i] = cell(file, i + 2, lines.get(i + 1), column, header.size());
        }
        return scores;
    }

    private static double cell(Path file, int lineNo, String line, int column, int columns) {
        String[] cells = line.strip().split(",", -1);
        if (cells.length != columns) {
            throw new IllegalArgumentException(
                    file
                            + ":"
                            + lineNo
                            + ": "
                            + cells.length
                            + " cells, the header has "
                            + columns);
        }
        double v;
        try {
            v = Double.parseDouble(cells[column]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    file + ":" + lineNo + ": " + SCORE_COLUMN + " is not a number: " + line);
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(
                    file + ":" + lineNo + ": " + SCORE_COLUMN + " is not finite: " + line);
        }
        return v;
    }

    private static List<String> lines(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in =
                        file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            return r.lines().toList();
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("NAB results file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read NAB results file " + file + ": " + e, e);
        }
    }
}
