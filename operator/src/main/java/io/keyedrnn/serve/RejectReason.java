package io.keyedrnn.serve;

import java.util.Locale;

/** Why an input record was not scored; dead-letter records and replay's stderr carry it. */
public enum RejectReason {
    /** Not parseable as one JSON object (also an empty record or trailing garbage). */
    INVALID_JSON,
    /** The key field is absent, null or empty. */
    MISSING_KEY,
    /** The key field is an object or array. */
    BAD_KEY,
    /** The timestamp is not an integer of epoch milliseconds, a digit string or ISO-8601. */
    BAD_TIMESTAMP,
    /** A numeric event without its features field. */
    MISSING_FEATURES,
    /** The features field is not an array of numbers. */
    BAD_FEATURES,
    /** The features array has another length than the model takes. */
    WRONG_FEATURE_COUNT,
    /** A feature is NaN or infinite, overflows float, or does after the model's normaliser. */
    NON_FINITE_FEATURE,
    /** A categorical event without its token field, or a token that is not a string/integer. */
    MISSING_TOKEN,
    /** A token outside a closed vocabulary. */
    UNKNOWN_TOKEN,
    /** Older than the key's latest event by more than the allowed lateness. */
    LATE_EVENT,
    /** The session end field is not a boolean (or null). */
    BAD_END,
    /** Two fields of the same name in one JSON object. */
    DUPLICATE_FIELD,
    /** The model's step would leave NaN or infinity in the key's state, prediction or score. */
    NON_FINITE_STATE,
    /** A model with calendar inputs needs the event's time, and the event has none. */
    MISSING_TIMESTAMP;

    /** Lower-case id for output records, e.g. {@code wrong_feature_count}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
