package io.keyedrnn.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Walks one JSON object with a streaming parser and picks out the key, timestamp, value (features
 * or token) and, when configured, the session end flag at their dotted paths, skipping everything
 * else without building a tree.
 */
final class FieldWalker {
    private static final int KEY = 0;
    private static final int TS = 1;
    private static final int VALUE = 2;
    private static final int END = 3;

    private final boolean categorical;
    private final String[] paths;
    private final String[][] segments;
    private final FieldValues values = new FieldValues();
    private float[] scratch = new float[16];
    private int seen;

    /**
     * valuePath is the token path when categorical, else the features path; endPath null when
     * events carry no end flag.
     */
    FieldWalker(
            String keyPath, String tsPath, String valuePath, String endPath, boolean categorical) {
        this.categorical = categorical;
        paths =
                endPath == null
                        ? new String[] {keyPath, tsPath, valuePath}
                        : new String[] {keyPath, tsPath, valuePath, endPath};
        int n = paths.length;
        segments = new String[n][];
        for (int i = 0; i < n; i++) {
            segments[i] = paths[i].split("\\.");
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && isPrefix(segments[i], segments[j])) {
                    throw new IllegalArgumentException(
                            "field path '" + paths[i] + "' overlaps '" + paths[j] + "'");
                }
            }
        }
    }

    private static boolean isPrefix(String[] a, String[] b) {
        return a.length <= b.length && Arrays.equals(a, 0, a.length, b, 0, a.length);
    }

    /** Walks the object whose START_OBJECT was just read. The result is reused per call. */
    FieldValues walk(JsonParser p) throws IOException {
        clear();
        walkObject(p, 0, (1 << paths.length) - 1);
        return values;
    }

    /** Forgets the last record's values. */
    void clear() {
        values.clear();
        seen = 0;
    }

    /** The key read so far in this record (also when a later field was bad), or null. */
    String key() {
        return values.key;
    }

    private void walkObject(JsonParser p, int depth, int active) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            int leaf = -1;
            int descend = 0;
            for (int i = 0; i < paths.length; i++) {
                if ((active & (1 << i)) != 0
                        && segments[i].length > depth
                        && segments[i][depth].equals(name)) {
                    if (segments[i].length == depth + 1) {
                        leaf = i;
                    } else {
                        descend |= 1 << i;
                    }
                }
            }
            if (leaf >= 0) {
                readLeaf(p, leaf);
            } else if (descend != 0 && p.currentToken() == JsonToken.START_OBJECT) {
                walkObject(p, depth + 1, descend);
            } else {
                p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new Rejection(RejectReason.INVALID_JSON, "unterminated JSON object");
        }
    }

    private void readLeaf(JsonParser p, int which) throws IOException {
        if ((seen & (1 << which)) != 0) {
            // JSON leaves duplicates to the reader; taking the last one silently hides a bug.
            throw new Rejection(
                    RejectReason.DUPLICATE_FIELD, "field '" + paths[which] + "' appears twice");
        }
        seen |= 1 << which;
        switch (which) {
            case KEY -> values.key = readKey(p);
            case TS -> values.timestamp = readTimestamp(p);
            case END -> values.end = readEnd(p);
            default -> readValue(p);
        }
    }

    private boolean readEnd(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) {
            return t == JsonToken.VALUE_TRUE;
        }
        throw new Rejection(
                RejectReason.BAD_END,
                "end field '"
                        + paths[END]
                        + "' is "
                        + describeValue(p, t)
                        + ", expected a boolean");
    }

    private void readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (categorical) {
            if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT) {
                throw new Rejection(
                        RejectReason.MISSING_TOKEN,
                        "token field '"
                                + paths[VALUE]
                                + "' is "
                                + describe(t)
                                + ", expected a string or integer");
            }
            values.token = p.getText();
        } else if (t == JsonToken.START_ARRAY) {
            values.features = readFeatures(p);
        } else {
            throw new Rejection(
                    RejectReason.BAD_FEATURES,
                    "features field '"
                            + paths[VALUE]
                            + "' is "
                            + describe(t)
                            + ", expected an array of numbers");
        }
    }

    private String readKey(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t.isNumeric()) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new Rejection(
                RejectReason.BAD_KEY,
                "key field '" + paths[KEY] + "' is " + describe(t) + ", expected a string");
    }

    private long readTimestamp(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        try {
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                    return (long) d;
                }
            } else if (t == JsonToken.VALUE_STRING) {
                return parseTimestampText(p.getText());
            } else if (t == JsonToken.VALUE_NULL) {
                return Event.NO_TIMESTAMP;
            }
        } catch (InputCoercionException
                | NumberFormatException
                | DateTimeParseException
                | ArithmeticException e) {
            // ArithmeticException: an ISO instant beyond epoch milliseconds' range.
            // falls through to the rejection below
        }
        throw new Rejection(
                RejectReason.BAD_TIMESTAMP,
                "timestamp field '"
                        + paths[TS]
                        + "' is "
                        + describeValue(p, t)
                        + ", expected epoch milliseconds, a digit string or an ISO-8601 instant"
                        + " within their range");
    }

    private static long parseTimestampText(String s) {
        if (!s.isEmpty()
                && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')
                && s.chars().skip(1).allMatch(Character::isDigit)) {
            return Long.parseLong(s);
        }
        return Instant.parse(s).toEpochMilli();
    }

    private float[] readFeatures(JsonParser p) throws IOException {
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new Rejection(RejectReason.INVALID_JSON, "unterminated JSON array");
            }
            if (!t.isNumeric()) {
                throw new Rejection(
                        RejectReason.BAD_FEATURES,
                        paths[VALUE] + "[" + n + "] is " + describe(t) + ", expected a number");
            }
            float f = (float) p.getDoubleValue();
            if (!Float.isFinite(f)) {
                throw new Rejection(
                        RejectReason.NON_FINITE_FEATURE,
                        paths[VALUE] + "[" + n + "] is " + p.getText() + ", not a finite float");
            }
            if (n == scratch.length) {
                scratch = Arrays.copyOf(scratch, n * 2);
            }
            scratch[n++] = f;
        }
        return Arrays.copyOf(scratch, n);
    }

    private static String describeValue(JsonParser p, JsonToken t) throws IOException {
        return t.isScalarValue() ? "'" + p.getText() + "'" : describe(t);
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "missing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }
}
