package io.keyedrnn.flink;

/**
 * One input record as it came from Kafka (or a test source): the value bytes and where they came
 * from. Parsing happens inside the job, never in the source, so a bad record cannot stall it.
 *
 * <p>A Flink POJO (public fields, no-arg constructor); it only travels from source to parser.
 */
public final class RawRecord {
    /** Value meaning "the record carried no timestamp". */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    /** The record value; may be null (a Kafka tombstone) or empty. */
    public byte[] value;

    /** Source topic, or a test source's name. */
    public String topic = "";

    public int partition;

    public long offset;

    /** The record's Kafka timestamp in epoch ms, or {@link #NO_TIMESTAMP}. */
    public long timestamp = NO_TIMESTAMP;

    public RawRecord() {}

    public RawRecord(byte[] value, String topic, int partition, long offset, long timestamp) {
        this.value = value;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
    }

    /** Where the record came from, for messages: {@code topic/partition@offset}. */
    public String origin() {
        return topic + "/" + partition + "@" + offset;
    }
}
