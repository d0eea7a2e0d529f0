package io.keyedrnn.serve;

import java.util.Arrays;

/**
 * One parsed input event: a key, an optional timestamp, and numeric features or a token.
 *
 * <p>A plain mutable class (public no-arg constructor, getters and setters) so Flink can treat it
 * as a POJO. Exactly one of features and token is set. The features array is not copied.
 */
public final class Event {
    /** Timestamp value meaning "the event carried none". */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private String key;
    private long timestamp = NO_TIMESTAMP;
    private float[] features;
    private String token;

    public Event() {}

    /** A numeric event. */
    public static Event numeric(String key, long timestamp, float[] features) {
        Event e = new Event();
        e.key = key;
        e.timestamp = timestamp;
        e.features = features;
        return e;
    }

    /** A categorical event. */
    public static Event categorical(String key, long timestamp, String token) {
        Event e = new Event();
        e.key = key;
        e.timestamp = timestamp;
        e.token = token;
        return e;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    /** Epoch milliseconds, or {@link #NO_TIMESTAMP}. */
    public long getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    public boolean hasTimestamp() {
        return timestamp != NO_TIMESTAMP;
    }

    /** The numeric features, or null for a categorical event. */
    public float[] getFeatures() {
        return features;
    }

    public void setFeatures(float[] features) {
        this.features = features;
    }

    /** The token, or null for a numeric event. */
    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public boolean isCategorical() {
        return token != null;
    }

    @Override
    public String toString() {
        return "Event{key="
                + key
                + ", ts="
                + (hasTimestamp() ? Long.toString(timestamp) : "none")
                + (token != null ? ", token=" + token : ", features=" + Arrays.toString(features))
                + "}";
    }
}
