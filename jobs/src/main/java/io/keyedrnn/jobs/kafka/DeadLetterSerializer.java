package io.keyedrnn.jobs.kafka;

import io.keyedrnn.flink.DeadLetter;
import io.keyedrnn.flink.DeadLetterJson;
import io.keyedrnn.flink.KeyBytes;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema.InitializationContext;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dead letter as a Kafka record: key = the event key when known, value = {@link DeadLetterJson}
 * (reason, message, source topic/partition/offset, original bytes in base64), and the reason also
 * as header {@value #REASON_HEADER} so consumers can filter without parsing.
 *
 * <p>The whole record stays within {@code dead.letter.max.bytes} (the original bytes are cut to
 * fit), so the producer never refuses it as too large. A dead letter that cannot be written at all
 * is counted ({@value #FAILURES_METRIC}), logged and dropped: it never fails the job. {@link
 * DeadLetterKafkaSink} builds its records here too.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSerializer.class);

    public static final String REASON_HEADER = "keyed-rnn-reason";
    public static final String FAILURES_METRIC = "deadLetterWriteFailures";

    /** Kafka's per-record overhead (lengths, attributes, header name) with room to spare. */
    public static final int RECORD_OVERHEAD = 512;

    private final String topic;
    private final int maxBytes;
    private transient Counter failures;

    public DeadLetterSerializer(String topic, int maxBytes) {
        this.topic = topic;
        this.maxBytes = maxBytes;
    }

    @Override
    public void open(InitializationContext context, KafkaSinkContext sinkContext) {
        failures = context.getMetricGroup().counter(FAILURES_METRIC);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter d, KafkaSinkContext context, Long timestamp) {
        try {
            return record(d);
        } catch (RuntimeException e) {
            failures().inc();
            LOG.warn("Dropped a dead letter that cannot be written: {}", d, e);
            return null;
        }
    }

    /** The record of a dead letter; throws when it cannot be written at all. */
    ProducerRecord<byte[], byte[]> record(DeadLetter d) {
        byte[] reason = d.reason.getBytes(StandardCharsets.UTF_8);
        byte[] key = d.key == null ? null : KeyBytes.of(cutKey(d.key));
        int keyBytes = key == null ? 0 : key.length;
        int room = maxBytes - keyBytes - reason.length - REASON_HEADER.length() - RECORD_OVERHEAD;
        ProducerRecord<byte[], byte[]> r =
                new ProducerRecord<>(topic, key, DeadLetterJson.write(d, room));
        r.headers().add(REASON_HEADER, reason);
        return r;
    }

    /** The record key is cut like the key inside the JSON, so a huge key cannot crowd it out. */
    private static String cutKey(String key) {
        if (key.length() <= DeadLetterJson.MAX_TEXT_CHARS) {
            return key;
        }
        int end = DeadLetterJson.MAX_TEXT_CHARS;
        return key.substring(0, Character.isHighSurrogate(key.charAt(end - 1)) ? end - 1 : end);
    }

    private Counter failures() {
        if (failures == null) {
            failures = new SimpleCounter();
        }
        return failures;
    }
}
