package io.keyedrnn.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Gets the model file out of a model-topic record. The record holds either the safetensors bytes
 * themselves or, for files above the topic's message size, a JSON pointer {@code {"uri":
 * "file:///models/v7.safetensors", "sha256": "<64 hex digits>"}} (file, http and https URIs); the
 * pointed-to file must match the sha256.
 */
final class ModelRecordReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MS = 30_000;

    private ModelRecordReader() {}

    static byte[] fileBytes(byte[] value, long maxBytes) throws ModelRejected {
        if (value == null || value.length == 0) {
            throw new ModelRejected(JobReason.MODEL_INVALID, "empty model record");
        }
        if (looksLikeSafetensors(value)) {
            return value;
        }
        if (firstNonBlank(value) == '{') {
            return fetch(pointer(value), maxBytes);
        }
        throw new ModelRejected(
                JobReason.MODEL_INVALID,
                "the record is neither a safetensors file nor a JSON {\"uri\", \"sha256\"} pointer");
    }

    /** An 8-byte little-endian header length that fits, followed by the header's '{'. */
    static boolean looksLikeSafetensors(byte[] v) {
        if (v.length < 10) {
            return false;
        }
        long n = ByteBuffer.wrap(v, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return n >= 2 && n <= v.length - 8 && v[8] == '{';
    }

    private static int firstNonBlank(byte[] v) {
        for (byte b : v) {
            if (!Character.isWhitespace(b)) {
                return b;
            }
        }
        return -1;
    }

    private record Pointer(URI uri, String sha256) {}

    private static Pointer pointer(byte[] value) throws ModelRejected {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            throw new ModelRejected(
                    JobReason.MODEL_INVALID, "model pointer is not valid JSON: " + e.getMessage());
        }
        String uri = node.path("uri").asText("");
        String sha = node.path("sha256").asText("").toLowerCase(java.util.Locale.ROOT);
        if (uri.isEmpty()) {
            throw new ModelRejected(JobReason.MODEL_INVALID, "model pointer has no \"uri\"");
        }
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new ModelRejected(
                    JobReason.MODEL_INVALID,
                    "model pointer to " + uri + " needs \"sha256\" as 64 hex digits");
        }
        try {
            URI parsed = URI.create(uri);
            String scheme = String.valueOf(parsed.getScheme()).toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("file") && !scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("scheme must be file, http or https");
            }
            return new Pointer(parsed, sha);
        } catch (IllegalArgumentException e) {
            throw new ModelRejected(
                    JobReason.MODEL_INVALID, "model pointer uri '" + uri + "': " + e.getMessage());
        }
    }

    private static byte[] fetch(Pointer p, long maxBytes) throws ModelRejected {
        byte[] bytes;
        try {
            URLConnection c = p.uri().toURL().openConnection();
            c.setConnectTimeout(TIMEOUT_MS);
            c.setReadTimeout(TIMEOUT_MS);
            try (InputStream in = c.getInputStream()) {
                bytes = readCapped(in, maxBytes, p.uri());
            }
        } catch (IOException e) {
            throw new ModelRejected(
                    JobReason.MODEL_UNAVAILABLE, "cannot fetch " + p.uri() + ": " + e, e);
        }
        String actual = sha256(bytes);
        if (!actual.equals(p.sha256())) {
            throw new ModelRejected(
                    JobReason.MODEL_UNAVAILABLE,
                    p.uri() + " has sha256 " + actual + ", the pointer says " + p.sha256());
        }
        return bytes;
    }

    private static byte[] readCapped(InputStream in, long maxBytes, URI uri) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > maxBytes) {
                throw new IOException(uri + " is larger than the limit of " + maxBytes + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
