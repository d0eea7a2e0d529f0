package io.keyedrnn.jobs.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Follows topics from their start, committed records only, handing each value to a handler. */
public final class TopicFollower {
    /** Receives one record's topic and value. */
    public interface Handler {
        void accept(String topic, byte[] value);
    }

    private TopicFollower() {}

    /** Reads every partition of {@code topics} while {@code keepReading} holds; then returns. */
    public static void follow(
            String bootstrapServers,
            List<String> topics,
            BooleanSupplier keepReading,
            Handler handler) {
        try (KafkaConsumer<byte[], byte[]> c = KafkaIo.committedReader(bootstrapServers)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : topics) {
                c.partitionsFor(topic)
                        .forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            while (keepReading.getAsBoolean()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    handler.accept(r.topic(), r.value());
                }
            }
        }
    }
}
