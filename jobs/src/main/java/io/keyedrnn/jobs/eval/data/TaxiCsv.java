package io.keyedrnn.jobs.eval.data;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/** Reads cui2016's {@code nyc_taxi.csv}: three header lines, then timestamp,count,tod,dow. */
public final class TaxiCsv {
    private static final String HEADER = "timestamp,passenger_count,timeofday,dayofweek";
    private static final int HEADER_LINES = 3;

    private TaxiCsv() {}

    /** All rows in file order; errors name the file and line. */
    public static TaxiSeries read(Path file) {
        List<String> lines = TextLines.read(file);
        if (lines.size() <= HEADER_LINES || !lines.get(0).strip().equals(HEADER)) {
            throw DataError.at(file, 1, "expected the header '" + HEADER + "' and 2 more lines");
        }
        int n = lines.size() - HEADER_LINES;
        LocalDateTime[] ts = new LocalDateTime[n];
        double[] counts = new double[n];
        int[] tod = new int[n];
        int[] dow = new int[n];
        for (int i = 0; i < n; i++) {
            int lineNo = i + HEADER_LINES + 1;
            String[] f = lines.get(i + HEADER_LINES).split(",", -1);
            if (f.length != 4) {
                throw DataError.at(file, lineNo, "expected 4 fields, got " + f.length);
            }
            ts[i] = Timestamps.parseOrNull(f[0]);
            if (ts[i] == null) {
                throw DataError.at(file, lineNo, "bad timestamp '" + f[0] + "'");
            }
            counts[i] = Numbers.finite(f[1], file, lineNo, "passenger_count");
            tod[i] = Numbers.integer(f[2], file, lineNo, "timeofday");
            dow[i] = Numbers.integer(f[3], file, lineNo, "dayofweek");
            if (tod[i] < 0 || tod[i] >= 24 * 60 || dow[i] < 0 || dow[i] > 6) {
                throw DataError.at(file, lineNo, "timeofday/dayofweek out of range");
            }
        }
        return new TaxiSeries(ts, counts, tod, dow);
    }
}
