package io.keyedrnn.serve;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * Appends JSON values to a StringBuilder; the deterministic formatting of {@link PredictionJson}.
 *
 * <p>Numbers are written by Jackson's Schubfach writer (the one behind {@code
 * StreamWriteFeature.USE_FAST_DOUBLE_WRITER}): the shortest decimal that parses back to the same
 * bits, in {@link Float#toString(float)}'s notation. Java 17's own {@code toString} is slower and
 * sometimes prints a digit more than needed (Java 19 adopted the same algorithm).
 */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /**
     * A JSON string with quotes, backslashes and control characters escaped, and lone surrogates as
     * backslash-u escapes: UTF-8 cannot encode them (Java would print {@code ?}), the escape reads
     * back as the same string.
     */
    public static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                escapeControl(sb, c);
            } else if (Character.isSurrogate(c) && !pairedAt(s, i)) {
                escape(sb, c);
            } else if (Character.isHighSurrogate(c)) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    /** Whether s[i] is a surrogate that forms a pair with its neighbour. */
    static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static void escape(StringBuilder sb, char c) {
        sb.append("\\u")
                .append(HEX[c >> 12])
                .append(HEX[(c >> 8) & 15])
                .append(HEX[(c >> 4) & 15])
                .append(HEX[c & 15]);
    }

    private static void escapeControl(StringBuilder sb, char c) {
        switch (c) {
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
        }
    }

    /** A double, or null when it is not finite (JSON has no NaN or Infinity). */
    static void number(StringBuilder sb, double v) {
        sb.append(text(v));
    }

    /** A float in its shortest round-trip form, or null when not finite. */
    static void number(StringBuilder sb, float v) {
        sb.append(text(v));
    }

    /** The JSON text of a double: its shortest round-trip form, or null when not finite. */
    static String text(double v) {
        return Double.isFinite(v) ? NumberOutput.toString(v, true) : "null";
    }

    /** The JSON text of a float: its shortest round-trip form, or null when not finite. */
    static String text(float v) {
        return Float.isFinite(v) ? NumberOutput.toString(v, true) : "null";
    }

    /** An array of a[from, from + n). */
    static void floats(StringBuilder sb, float[] a, int from, int n) {
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            number(sb, a[from + i]);
        }
        sb.append(']');
    }
}
