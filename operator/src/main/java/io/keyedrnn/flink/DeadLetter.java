package io.keyedrnn.flink;

/**
 * A record the job could not use, with why and where it came from; written to the dead-letter topic
 * by {@link DeadLetterJson}. A Flink POJO.
 */
public final class DeadLetter {
    /** Lower-case reason id, e.g. {@code invalid_json} or {@code no_model}. */
    public String reason = "";

    /** Human message naming what was wrong and where. */
    public String message = "";

    /** The event key when it was known, else null. */
    public String key;

    public String topic = "";

    public int partition;

    public long offset;

    /** The original record bytes, unchanged; may be null. */
    public byte[] payload;

    public DeadLetter() {}

    public DeadLetter(String reason, String message, String key, RawRecord source) {
        this.reason = reason;
        this.message = message;
        this.key = key;
        this.topic = source.topic;
        this.partition = source.partition;
        this.offset = source.offset;
        this.payload = source.value;
    }

    @Override
    public String toString() {
        return "DeadLetter{"
                + reason
                + " at "
                + topic
                + "/"
                + partition
                + "@"
                + offset
                + ": "
                + message
                + "}";
    }
}
