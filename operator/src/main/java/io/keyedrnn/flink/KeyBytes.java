package io.keyedrnn.flink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Event keys as Kafka record keys: UTF-8, except that a lone surrogate (which JSON can carry but
 * UTF-8 cannot encode) is written as its own three bytes (generalised UTF-8, "WTF-8") instead of
 * {@code ?}. Valid UTF-8 never holds such bytes, so two different keys never share record bytes.
 */
public final class KeyBytes {
    private KeyBytes() {}

    public static byte[] of(String key) {
        if (!hasLoneSurrogate(key)) {
            return key.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(key.length() + 8);
        int i = 0;
        while (i < key.length()) {
            int cp = key.codePointAt(i);
            i += Character.charCount(cp);
            write(out, cp);
        }
        return out.toByteArray();
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** One code point (a lone surrogate counts as one) in UTF-8's bit layout. */
    private static void write(ByteArrayOutputStream out, int cp) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | cp >> 6);
            out.write(0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out.write(0xE0 | cp >> 12);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        } else {
            out.write(0xF0 | cp >> 18);
            out.write(0x80 | cp >> 12 & 0x3F);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        }
    }
}
