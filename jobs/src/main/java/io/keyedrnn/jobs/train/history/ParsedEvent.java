package io.keyedrnn.jobs.train.history;

/**
 * One event of the training history as the reading stage passes it on (a Flink POJO).
 *
 * <p>{@code source} and {@code position} say where it came from (file index and line, or Kafka
 * partition and offset); they break ties between equal timestamps, so a key's order does not depend
 * on the job's parallelism.
 */
public final class ParsedEvent {
    /** Timestamp value of an event that carried none (and no Kafka record time). */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public String key;
    public long ts = NO_TIMESTAMP;

    /** Numeric features, or null for a categorical event. */
    public float[] features;

    /** The token, or null for a numeric event. */
    public String token;

    public int source;
    public long position;

    public ParsedEvent() {}

    public ParsedEvent(
            String key, long ts, float[] features, String token, int source, long position) {
        this.key = key;
        this.ts = ts;
        this.features = features;
        this.token = token;
        this.source = source;
        this.position = position;
    }

    /** Orders events by time, then by where they came from. */
    public static int compare(ParsedEvent a, ParsedEvent b) {
        int c = Long.compare(a.ts, b.ts);
        if (c == 0) {
            c = Integer.compare(a.source, b.source);
        }
        return c != 0 ? c : Long.compare(a.position, b.position);
    }
}
