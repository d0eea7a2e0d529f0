package io.keyedrnn.flink;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Gets the model file out of a model-topic record. The record holds either the safetensors bytes
 * themselves or, for files above the topic's message size, a JSON pointer {@code {"uri":
 * "https://host/v7.safetensors", "sha256": "<64 hex digits>"}}, followed only as the {@link
 * ModelPointerPolicy} allows; the pointed-to file must match the sha256. Errors name the pointer,
 * never what was found at it (no content, size or hash of a file that did not match).
 */
final class ModelRecordReader {
    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();
    private static final Set<String> POINTER_FIELDS = Set.of("uri", "sha256");

    /** Longest URI text repeated in a message; a pointer may be as long as its record. */
    private static final int SHOWN_URI_CHARS = 200;

    private ModelRecordReader() {}

    /** As {@link #fileBytes(byte[], long, ModelPointerPolicy)} with the default policy. */
    static byte[] fileBytes(byte[] value, long maxBytes) throws ModelRejected {
        return fileBytes(value, maxBytes, ModelPointerPolicy.DEFAULT);
    }

    /** The model file the record holds or points to. */
    static byte[] fileBytes(byte[] value, long maxBytes, ModelPointerPolicy policy)
            throws ModelRejected {
        if (value == null || value.length == 0) {
            throw new ModelRejected(JobReason.MODEL_INVALID, "empty model record");
        }
        if (looksLikeSafetensors(value)) {
            return value;
        }
        if (firstNonBlank(value) == '{') {
            return fetch(pointer(value, policy), maxBytes, policy);
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

    private record Pointer(URI uri, String scheme, String sha256, String shown) {}

    private static Pointer pointer(byte[] value, ModelPointerPolicy policy) throws ModelRejected {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw invalid("model pointer is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("model pointer cannot be read: " + e.getMessage());
        }
        for (String field : (Iterable<String>) node::fieldNames) {
            if (!POINTER_FIELDS.contains(field)) {
                throw invalid("model pointer has unknown field '" + clip(field) + "'");
            }
        }
        if (!node.path("uri").isTextual() || node.get("uri").textValue().isEmpty()) {
            throw invalid("model pointer needs \"uri\" as a string");
        }
        String uri = node.get("uri").textValue();
        String shown = "model pointer " + clip(uri);
        JsonNode sha = node.path("sha256");
        if (!sha.isTextual() || !sha.textValue().matches("[0-9a-fA-F]{64}")) {
            throw invalid(shown + " needs \"sha256\" as 64 hex digits");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (java.net.URISyntaxException e) {
            throw invalid(shown + " is not a valid URI: " + e.getReason());
        }
        String scheme = String.valueOf(parsed.getScheme()).toLowerCase(Locale.ROOT);
        if (!policy.allowsScheme(scheme)) {
            throw invalid(
                    shown
                            + ": scheme "
                            + scheme
                            + " is not in "
                            + ModelPointerPolicy.SCHEMES_KEY
                            + " ("
                            + policy.schemesText()
                            + ")");
        }
        return new Pointer(parsed, scheme, sha.textValue().toLowerCase(Locale.ROOT), shown);
    }

    private static byte[] fetch(Pointer p, long maxBytes, ModelPointerPolicy policy)
            throws ModelRejected {
        byte[] bytes =
                p.scheme().equals("file")
                        ? LocalModelFile.read(p.uri(), policy, maxBytes, p.shown())
                        : RemoteModelFile.read(p.uri(), maxBytes, p.shown());
        if (!sha256(bytes).equals(p.sha256())) {
            throw new ModelRejected(
                    JobReason.MODEL_UNAVAILABLE,
                    p.shown() + ": the file does not match the pointer's sha256");
        }
        return bytes;
    }

    private static ModelRejected invalid(String message) {
        return new ModelRejected(JobReason.MODEL_INVALID, message);
    }

    private static String clip(String s) {
        return s.length() <= SHOWN_URI_CHARS ? s : s.substring(0, SHOWN_URI_CHARS) + "...";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
