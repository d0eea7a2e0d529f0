package io.keyedrnn.serve;

import java.util.Arrays;
import java.util.List;

/**
 * Where an event's fields live in its JSON record: dotted paths such as {@code key} or {@code
 * meta.host} (each segment an object field name).
 *
 * @param key path of the key (string or number)
 * @param timestamp path of the epoch-millisecond timestamp (optional in records)
 * @param features path of the numeric feature array
 * @param token path of the categorical token (string or integer)
 * @param end path of the boolean that ends the key's session after this event, or null for none
 */
public record EventFields(String key, String timestamp, String features, String token, String end) {

    /** The field names of the DESIGN.md contract: key, ts, features, token; no end field. */
    public static final EventFields DEFAULT = new EventFields("key", "ts", "features", "token");

    public EventFields {
        check("key", key);
        check("timestamp", timestamp);
        check("features", features);
        check("token", token);
        if (end != null && end.isEmpty()) {
            end = null;
        }
        if (end != null) {
            check("end", end);
        }
    }

    /** Paths without an end field. */
    public EventFields(String key, String timestamp, String features, String token) {
        this(key, timestamp, features, token, null);
    }

    private static void check(String what, String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " field path must not be empty");
        }
        for (String segment : path.split("\\.", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException(
                        "the " + what + " field path '" + path + "' has an empty segment");
            }
        }
    }

    /** The segments of a dotted path. */
    static List<String> segments(String path) {
        return Arrays.asList(path.split("\\."));
    }

    public EventFields withKey(String path) {
        return new EventFields(path, timestamp, features, token, end);
    }

    public EventFields withTimestamp(String path) {
        return new EventFields(key, path, features, token, end);
    }

    public EventFields withFeatures(String path) {
        return new EventFields(key, timestamp, path, token, end);
    }

    public EventFields withToken(String path) {
        return new EventFields(key, timestamp, features, path, end);
    }

    /** With the session end field at this path (null or empty: none). */
    public EventFields withEnd(String path) {
        return new EventFields(key, timestamp, features, token, path);
    }
}
