package io.keyedrnn.serve;

import java.util.Arrays;

/**
 * One parsed input event: a key, an optional timestamp, and numeric features or a token.
 *
 * <p>A plain mutable class (public no-arg constructor, getters and setters) so Flink can treat it
 * as a POJO. At most one of features and token is set; an event with neither only marks the end of
 * its key's session ({@link #isEnd()}). The features array is not copied.
 */
public final class Event {
    /** Timestamp value meaning "the event carried none". */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private String key;
    private long timestamp = NO_TIMESTAMP;
    private float[] features;
    private String token;
    private boolean end;

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

    /** An end-of-session marker without a value. */
    public static Event endOf(String key, long timestamp) {
        Event e = new Event();
        e.key = key;
        e.timestamp = timestamp;
        e.end = true;
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

    /** Whether the event ends its key's session (the end field was true). */
    public boolean isEnd() {
        return end;
    }

    public void setEnd(boolean end) {
        this.end = end;
    }

    /** Whether the event carries a value to step on (else it is only an end marker). */
    public boolean hasValue() {
        return token != null || features != null;
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
                + (end ? ", end" : "")
                + "}";
    }
}
