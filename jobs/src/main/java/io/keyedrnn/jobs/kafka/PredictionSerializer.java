package io.keyedrnn.jobs.kafka;

import io.keyedrnn.flink.KeyBytes;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A prediction as a Kafka record: the event key ({@link KeyBytes}: UTF-8) as record key, so one
 * key's predictions stay in one partition and in order; the prediction JSON as value.
 */
public final class PredictionSerializer
        implements KafkaRecordSerializationSchema<Tuple2<String, byte[]>> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public PredictionSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Tuple2<String, byte[]> p, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, KeyBytes.of(p.f0), p.f1);
    }
}
