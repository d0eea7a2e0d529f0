package io.keyedrnn.flink;

import io.keyedrnn.serve.JsonText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Writes a dead letter as one JSON object of at most a given size:
 *
 * <pre>{"reason": "...", "message": "...", "key": "...", "source": {"topic": "...",
 * "partition": 0, "offset": 42}, "payload_base64": "...", "payload_length": 17,
 * "payload_truncated": false}</pre>
 *
 * The payload is base64 so arbitrary (also non-UTF-8) bytes survive; {@code key} is absent when
 * unknown and {@code payload_base64} is null for a record without value (an empty value is {@code
 * ""}). A payload that would not fit is cut to the bytes that do, with {@code payload_truncated}
 * true and {@code payload_sha256} of the whole original; message and key are cut to {@value
 * #MAX_TEXT_CHARS} characters, so a producer limit never refuses a dead letter.
 */
public final class DeadLetterJson {
    /** The longest message or key written whole; longer ones end in "...". */
    public static final int MAX_TEXT_CHARS = 1000;

    /** The smallest size limit accepted: room for the longest message, key and topic, escaped. */
    public static final int MIN_BYTES = 32 * 1024;

    /** Room for the payload fields after the base64 text: length, sha256, truncated flag. */
    private static final int TAIL_BYTES = 160;

    private DeadLetterJson() {}

    /** The dead letter in full, without a size limit. */
    public static byte[] write(DeadLetter d) {
        return write(d, Integer.MAX_VALUE);
    }

    /** The dead letter as UTF-8 JSON of at most maxBytes (at least {@link #MIN_BYTES}). */
    public static byte[] write(DeadLetter d, int maxBytes) {
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "dead-letter size limit " + maxBytes + " is below " + MIN_BYTES + " bytes");
        }
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"reason\":");
        JsonText.string(sb, d.reason);
        sb.append(",\"message\":");
        JsonText.string(sb, cut(d.message));
        if (d.key != null) {
            sb.append(",\"key\":");
            JsonText.string(sb, cut(d.key));
        }
        sb.append(",\"source\":{\"topic\":");
        JsonText.string(sb, cut(d.topic));
        sb.append(",\"partition\":").append(d.partition);
        sb.append(",\"offset\":").append(d.offset).append("},\"payload_base64\":");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] payload = d.payload;
        if (payload == null) {
            return concat(head, "null,\"payload_truncated\":false}");
        }
        long room = (long) maxBytes - head.length - TAIL_BYTES;
        int keep = (int) Math.min(payload.length, Math.max(0, room / 4 * 3));
        StringBuilder tail = new StringBuilder(keep / 3 * 4 + TAIL_BYTES);
        tail.append('"');
        tail.append(Base64.getEncoder().encodeToString(prefix(payload, keep)));
        tail.append("\",\"payload_length\":").append(payload.length);
        if (keep < payload.length) {
            tail.append(",\"payload_sha256\":\"").append(sha256(payload)).append('"');
        }
        tail.append(",\"payload_truncated\":").append(keep < payload.length).append('}');
        return concat(head, tail.toString());
    }

    static String cut(String s) {
        if (s == null || s.length() <= MAX_TEXT_CHARS) {
            return s;
        }
        int end = MAX_TEXT_CHARS;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "...";
    }

    private static byte[] prefix(byte[] a, int n) {
        if (n == a.length) {
            return a;
        }
        byte[] p = new byte[n];
        System.arraycopy(a, 0, p, 0, n);
        return p;
    }

    private static byte[] concat(byte[] head, String tail) {
        byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + t.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(t, 0, out, head.length, t.length);
        return out;
    }

    /** Hex SHA-256 of the bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
