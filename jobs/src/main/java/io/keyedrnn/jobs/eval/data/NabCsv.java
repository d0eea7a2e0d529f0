package io.keyedrnn.jobs.eval.data;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/** Reads a NAB data file ({@code timestamp,value} header, then one row per step). */
public final class NabCsv {
    private NabCsv() {}

    /** Rows as timestamps and values, in file order; errors name the file and line. */
    public static Rows read(Path file) {
        List<String> lines = TextLines.read(file);
        if (lines.isEmpty() || !lines.get(0).strip().equals("timestamp,value")) {
            throw DataError.at(file, 1, "expected the header 'timestamp,value'");
        }
        int n = lines.size() - 1;
        LocalDateTime[] timestamps = new LocalDateTime[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            int lineNo = i + 2;
            String line = lines.get(i + 1);
            int comma = line.indexOf(',');
            if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
                throw DataError.at(file, lineNo, "expected 'timestamp,value', got '" + line + "'");
            }
            timestamps[i] = Timestamps.parseOrNull(line.substring(0, comma));
            if (timestamps[i] == null) {
                throw DataError.at(
                        file, lineNo, "bad timestamp '" + line.substring(0, comma) + "'");
            }
            values[i] = Numbers.finite(line.substring(comma + 1), file, lineNo, "value");
        }
        if (n == 0) {
            throw DataError.in(file, "no data rows");
        }
        return new Rows(timestamps, values);
    }

    /** The parsed columns. */
    public record Rows(LocalDateTime[] timestamps, double[] values) {}
}
