package io.keyedrnn.serve;

import java.util.Locale;

/** How predictions leave the scoring job: JSON text (the default) or CBOR, same fields. */
public enum PredictionFormat {
    /** {@link PredictionJson}: UTF-8 JSON, floats as their shortest round-trip decimal. */
    JSON,
    /** {@link PredictionCbor}: CBOR (RFC 8949), floats as 4-byte CBOR floats. */
    CBOR;

    /** The format named json or cbor (any case). */
    public static PredictionFormat fromId(String id) {
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown prediction format '" + id + "' (expected json or cbor)");
        }
    }

    /** A new encoder of this format (not thread-safe), with the key's state when asked. */
    public PredictionEncoder encoder(boolean includeState) {
        return this == CBOR ? new PredictionCbor(includeState) : new PredictionJson(includeState);
    }
}
