package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.data.NabSeries;
import io.keyedrnn.jobs.eval.data.NabWindow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes a detector's output for one corpus file as NAB's results file: header {@code
 * timestamp,value,anomaly_score,label}, one line per data row in file order. The label is 1 where
 * the row's time lies within a window of combined_windows.json, as NAB's {@code
 * CorpusLabel.getLabels} sets it; NAB's scorer reads only the anomaly score.
 */
public final class NabResultsWriter {
    static final String HEADER = "timestamp,value,anomaly_score,label";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private NabResultsWriter() {}

    /** Writes the file under resultsDir in NAB's layout and returns its path. */
    public static Path write(Path resultsDir, String detector, NabSeries series, double[] scores) {
        if (scores.length != series.size()) {
            throw new IllegalArgumentException(
                    series.name()
                            + ": "
                            + scores.length
                            + " scores for "
                            + series.size()
                            + " rows");
        }
        Path file = NabResultsFile.path(resultsDir, detector, series.name());
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
                w.write(HEADER);
                w.write('\n');
                for (int i = 0; i < scores.length; i++) {
                    w.write(line(series, i, scores[i]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write NAB results " + file + ": " + e, e);
        }
        return file;
    }

    private static String line(NabSeries s, int i, double score) {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException(
                    s.name() + ": row " + i + ": anomaly score " + score + " is not in [0, 1]");
        }
        LocalDateTime t = s.timestamps()[i];
        return TIME.format(t)
                + ','
                + plain(s.values()[i])
                + ','
                + plain(score)
                + ','
                + (inWindow(s, t) ? 1 : 0)
                + '\n';
    }

    /** Double.toString's digits (an exact round trip) as a plain decimal: no exponent, no ".0". */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static boolean inWindow(NabSeries s, LocalDateTime t) {
        for (NabWindow w : s.windows()) {
            if (!t.isBefore(w.start()) && !t.isAfter(w.end())) {
                return true;
            }
        }
        return false;
    }
}
