package io.keyedrnn.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable UTF-8 buffer that JSON values are written into with {@link JsonText}'s formatting, so
 * a record becomes its bytes without a StringBuilder, a String and an encoding pass in between. Not
 * thread-safe.
 */
final class JsonBytes {
    private final StringBuilder escaped = new StringBuilder();
    private byte[] buf = new byte[256];
    private int len;

    void clear() {
        len = 0;
    }

    /** A copy of what was written. */
    byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    JsonBytes put(char c) {
        room(1);
        buf[len++] = (byte) c;
        return this;
    }

    /** Text known to be ASCII (names, numbers). */
    JsonBytes ascii(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    JsonBytes bool(boolean b) {
        return ascii(b ? "true" : "false");
    }

    /** A long in {@link Long#toString(long)}'s digits. */
    JsonBytes number(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return ascii(Long.toString(v));
            }
            put('-');
            v = -v;
        }
        room(19);
        int from = len;
        do {
            buf[len++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = from, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /** As {@link JsonText#number(StringBuilder, double)}. */
    JsonBytes number(double v) {
        return ascii(JsonText.text(v));
    }

    /** As {@link JsonText#floats}: the array a[from, from + n). */
    JsonBytes floats(float[] a, int from, int n) {
        put('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                put(',');
            }
            ascii(JsonText.text(a[from + i]));
        }
        return put(']');
    }

    /** As {@link JsonText#string}: printable ASCII directly, anything else through it. */
    JsonBytes string(String s) {
        if (s == null || !plain(s)) {
            escaped.setLength(0);
            JsonText.string(escaped, s);
            byte[] utf8 = escaped.toString().getBytes(StandardCharsets.UTF_8);
            room(utf8.length);
            System.arraycopy(utf8, 0, buf, len, utf8.length);
            len += utf8.length;
            return this;
        }
        put('"');
        ascii(s);
        return put('"');
    }

    /** Whether s needs no escape and no encoding: printable ASCII without quote or backslash. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
