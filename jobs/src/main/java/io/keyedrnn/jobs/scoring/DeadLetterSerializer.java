package io.keyedrnn.jobs.scoring;

import io.keyedrnn.flink.DeadLetter;
import io.keyedrnn.flink.DeadLetterJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A dead letter as a Kafka record: key = the event key when known, value = {@link DeadLetterJson}
 * (reason, message, source topic/partition/offset, original bytes in base64), and the reason also
 * as header {@value #REASON_HEADER} so consumers can filter without parsing.
 */
final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    static final String REASON_HEADER = "keyed-rnn-reason";

    private final String topic;

    DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter d, KafkaSinkContext context, Long timestamp) {
        byte[] key = d.key == null ? null : d.key.getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> r =
                new ProducerRecord<>(topic, key, DeadLetterJson.write(d));
        r.headers().add(REASON_HEADER, d.reason.getBytes(StandardCharsets.UTF_8));
        return r;
    }
}
