package io.keyedrnn.serve;

/** What a {@link FieldWalker} found in one record (null / NO_TIMESTAMP when absent). */
final class FieldValues {
    String key;
    long timestamp = Event.NO_TIMESTAMP;
    float[] features;
    String token;
    boolean end;

    void clear() {
        end = false;
        key = null;
        timestamp = Event.NO_TIMESTAMP;
        features = null;
        token = null;
    }
}
