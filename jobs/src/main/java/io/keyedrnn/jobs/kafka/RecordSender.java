package io.keyedrnn.jobs.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An idempotent producer of keyed byte records that does not wait for each acknowledgement. */
public final class RecordSender implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;

    public RecordSender(String bootstrapServers) {
        this.producer = KafkaIo.producer(bootstrapServers);
    }

    public void send(String topic, byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    /** Waits until every record sent so far is acknowledged. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
