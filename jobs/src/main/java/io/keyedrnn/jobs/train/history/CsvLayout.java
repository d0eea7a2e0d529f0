package io.keyedrnn.jobs.train.history;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@code .csv} file keeps key, time, and features or token, found from its header line.
 *
 * <p>Format: the first line names the columns; fields are separated by commas and may be quoted
 * with double quotes ({@code ""} inside quotes is one quote). The key column (default {@code key})
 * is required unless the whole file is one key, named after the file ({@code csv.key.per.file});
 * the time column (default {@code ts}: epoch milliseconds, ISO-8601 such as {@code
 * 2024-01-01T00:00:00Z}, or a UTC date and time such as {@code 2014-07-01 00:30:00}, as NAB's files
 * have) is optional. Numeric files take the listed feature columns, by default every other column
 * in header order; categorical files take the token column (default {@code token}).
 */
public final class CsvLayout implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The configured column names; empty features means "every other column"; keyPerFile: every
     * row's key is the file's name, and no key column is read.
     */
    public record Columns(
            String key, String ts, String token, List<String> features, boolean keyPerFile)
            implements Serializable {
        public Columns {
            features = List.copyOf(features);
        }

        /** Columns with a key column. */
        public Columns(String key, String ts, String token, List<String> features) {
            this(key, ts, token, features, false);
        }
    }

    private final int columns;
    private final int keyCol;
    private final String fileKey;
    private final int tsCol;
    private final int tokenCol;
    private final int[] featureCols;
    private final String[] featureNames;

    private CsvLayout(
            int columns, int key, String fileKey, int ts, int token, int[] feats, String[] names) {
        this.columns = columns;
        this.keyCol = key;
        this.fileKey = fileKey;
        this.tsCol = ts;
        this.tokenCol = token;
        this.featureCols = feats;
        this.featureNames = names;
    }

    /** The layout of a file from its header line; throws naming the file and missing column. */
    public static CsvLayout of(String header, Columns c, boolean categorical, String file) {
        List<String> split = split(header);
        if (split == null || header.isBlank()) {
            throw new IllegalArgumentException(file + ": the first line is not a CSV header");
        }
        List<String> names = split.stream().map(String::trim).toList();
        int key = c.keyPerFile() ? -1 : require(names, c.key(), "key", file);
        String fileKey = c.keyPerFile() ? keyOfFile(file) : null;
        int ts = names.indexOf(c.ts());
        if (categorical) {
            int token = require(names, c.token(), "token", file);
            return new CsvLayout(names.size(), key, fileKey, ts, token, new int[0], new String[0]);
        }
        List<Integer> cols = new ArrayList<>();
        if (c.features().isEmpty()) {
            for (int i = 0; i < names.size(); i++) {
                if (i != key && i != ts) {
                    cols.add(i);
                }
            }
        } else {
            for (String f : c.features()) {
                cols.add(require(names, f, "feature", file));
            }
        }
        if (cols.isEmpty()) {
            throw new IllegalArgumentException(
                    file + ": the header " + names + " has no feature column");
        }
        int[] idx = cols.stream().mapToInt(Integer::intValue).toArray();
        String[] fnames = new String[idx.length];
        for (int i = 0; i < idx.length; i++) {
            fnames[i] = names.get(idx[i]);
        }
        return new CsvLayout(names.size(), key, fileKey, ts, -1, idx, fnames);
    }

    /** The key of a file that is one key: its name without directory and {@code .csv(.gz)}. */
    static String keyOfFile(String file) {
        String name = Path.of(file).getFileName().toString();
        return name.replaceFirst("(?i)\\.gz$", "").replaceFirst("(?i)\\.csv$", "");
    }

    private static int require(List<String> names, String col, String what, String file) {
        int i = names.indexOf(col);
        if (i < 0) {
            throw new IllegalArgumentException(
                    file + ": no " + what + " column '" + col + "' in the header " + names);
        }
        return i;
    }

    /** Names of the feature columns in feature order (empty for categorical files). */
    public List<String> featureNames() {
        return List.of(featureNames);
    }

    /** Parses one data line into the sink; origin (file:line) prefixes rejection messages. */
    public void parse(String line, String origin, int source, long position, EventSink sink) {
        List<String> f = split(line);
        if (f == null || f.size() != columns) {
            sink.rejected(
                    "bad_csv_row",
                    origin
                            + ": "
                            + (f == null ? "unbalanced quotes" : f.size() + " fields")
                            + ", the header has "
                            + columns);
            return;
        }
        String key = keyCol < 0 ? fileKey : f.get(keyCol).trim();
        if (key.isEmpty()) {
            sink.rejected("missing_key", origin + ": the key column is empty");
            return;
        }
        long ts = ParsedEvent.NO_TIMESTAMP;
        if (tsCol >= 0 && !f.get(tsCol).isBlank()) {
            ts = timestamp(f.get(tsCol).trim());
            if (ts == ParsedEvent.NO_TIMESTAMP) {
                sink.rejected("bad_timestamp", origin + ": time '" + f.get(tsCol) + "'");
                return;
            }
        }
        if (tokenCol >= 0) {
            String token = f.get(tokenCol).trim();
            if (token.isEmpty()) {
                sink.rejected("missing_token", origin + ": the token column is empty");
                return;
            }
            sink.event(new ParsedEvent(key, ts, null, token, source, position));
            return;
        }
        float[] x = new float[featureCols.length];
        for (int i = 0; i < x.length; i++) {
            String v = f.get(featureCols[i]).trim();
            try {
                x[i] = Float.parseFloat(v);
            } catch (NumberFormatException e) {
                sink.rejected(
                        "bad_features",
                        origin + ": column '" + featureNames[i] + "' is '" + v + "', not a number");
                return;
            }
            if (!Float.isFinite(x[i])) {
                sink.rejected(
                        "non_finite_feature",
                        origin + ": column '" + featureNames[i] + "' is " + v);
                return;
            }
        }
        sink.event(new ParsedEvent(key, ts, x, null, source, position));
    }

    /** Epoch ms from digits, ISO-8601 or a UTC "date time"; NO_TIMESTAMP when none of them. */
    static long timestamp(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(v).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e2) {
                return localUtc(v);
            }
        }
    }

    /** "2014-07-01 00:30:00" (or with a T), no zone: taken as UTC. */
    private static long localUtc(String v) {
        try {
            return LocalDateTime.parse(v.replace(' ', 'T'))
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return ParsedEvent.NO_TIMESTAMP;
        }
    }

    /** Splits a CSV line; null when a quote is left open. */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(cur.toString());
        return out;
    }
}
